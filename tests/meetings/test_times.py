"""Wall-clock times of the space's zone, stored in UTC, across daylight-saving changes."""

from datetime import UTC, datetime

import pytest

from portal.meetings.times import NonexistentLocalTime, local_to_utc, span_text, utc_to_local


def test_a_time_skipped_by_the_spring_change_is_refused():
    with pytest.raises(NonexistentLocalTime):
        local_to_utc(datetime(2027, 3, 28, 2, 30), "Europe/Paris")


def test_a_time_that_happens_twice_in_autumn_is_the_first_one_in_summer_time():
    moment = local_to_utc(datetime(2027, 10, 31, 2, 30), "Europe/Paris")
    assert moment == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # UTC+2, still summer time


def test_18h_paris_is_16h_utc_in_summer_and_17h_utc_in_winter():
    assert local_to_utc(datetime(2027, 10, 28, 18, 0), "Europe/Paris").hour == 16
    assert local_to_utc(datetime(2027, 11, 4, 18, 0), "Europe/Paris").hour == 17


def test_a_utc_time_comes_back_as_the_same_wall_clock_time():
    moment = local_to_utc(datetime(2027, 11, 4, 18, 0), "Europe/Paris")
    assert utc_to_local(moment, "Europe/Paris") == datetime(2027, 11, 4, 18, 0)


def test_a_span_names_the_day_and_both_times():
    starts = datetime(2027, 11, 4, 17, 0, tzinfo=UTC)
    ends = datetime(2027, 11, 4, 19, 0, tzinfo=UTC)
    assert span_text(starts, ends, "Europe/Paris", "fr") == "jeudi 4 novembre 2027, 18:00 – 20:00"
    montreal = span_text(starts, ends, "America/Montreal", "en").replace("\u202f", " ")
    assert montreal == "Thursday, November 4, 2027, 1:00 PM – 3:00 PM"  # still summer time there
