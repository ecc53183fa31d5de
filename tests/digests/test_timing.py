"""Digests at 07:00 local: every day or on the member's weekday, across DST and midnight."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from portal.digests.timing import next_due


def member(zone_name: str, **preferences):
    """Just what timing reads from a user."""
    return SimpleNamespace(
        timezone=zone_name, notification_preferences=preferences, is_deleted=False
    )


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_weekly_default_is_monday_seven_local():
    # Wednesday 2027-06-09: next Monday 14 June, 07:00 Paris (UTC+2) / Réunion (UTC+4).
    now = utc(2027, 6, 9, 12, 0)
    assert next_due(member("Europe/Paris"), now) == utc(2027, 6, 14, 5, 0)
    assert next_due(member("Indian/Reunion"), now) == utc(2027, 6, 14, 3, 0)


def test_daily_across_midnight_in_several_zones():
    # 23:30 UTC on 9 June is already 10 June 01:30 in Paris and 03:30 in Réunion,
    # but still 9 June 19:30 in New York.
    now = utc(2027, 6, 9, 23, 30)
    assert next_due(member("Europe/Paris", digest="daily"), now) == utc(2027, 6, 10, 5, 0)
    assert next_due(member("Indian/Reunion", digest="daily"), now) == utc(2027, 6, 10, 3, 0)
    assert next_due(member("America/New_York", digest="daily"), now) == utc(2027, 6, 10, 11, 0)
    assert next_due(member("Pacific/Auckland", digest="daily"), now) == utc(2027, 6, 10, 19, 0)


def test_exactly_at_seven_the_next_one_is_tomorrow():
    due = utc(2027, 6, 10, 5, 0)
    assert next_due(member("Europe/Paris", digest="daily"), due) == utc(2027, 6, 11, 5, 0)


@pytest.mark.parametrize(
    ("now", "paris", "reunion"),
    [
        # Spring: on Sunday 28 March 2027 Paris goes from UTC+1 to UTC+2 (Réunion: no DST),
        # so 07:00 local is 06:00 UTC on Saturday and 05:00 UTC from Sunday on.
        (utc(2027, 3, 27, 6, 0), utc(2027, 3, 28, 5, 0), utc(2027, 3, 28, 3, 0)),
        (utc(2027, 3, 28, 6, 0), utc(2027, 3, 29, 5, 0), utc(2027, 3, 29, 3, 0)),
        # Autumn: clocks go back on Sunday 31 October 2027.
        (utc(2027, 10, 30, 5, 0), utc(2027, 10, 31, 6, 0), utc(2027, 10, 31, 3, 0)),
        (utc(2027, 10, 31, 6, 0), utc(2027, 11, 1, 6, 0), utc(2027, 11, 1, 3, 0)),
    ],
)
def test_daily_across_daylight_saving_changes(now, paris, reunion):
    assert next_due(member("Europe/Paris", digest="daily"), now) == paris
    assert next_due(member("Indian/Reunion", digest="daily"), now) == reunion


def test_weekly_across_daylight_saving_change():
    # Monday 22 March 07:00 Paris is 06:00 UTC (winter); the next, 29 March, 05:00 UTC (summer).
    paris = member("Europe/Paris", digest="weekly")
    assert next_due(paris, utc(2027, 3, 22, 6, 0)) == utc(2027, 3, 29, 5, 0)
    assert next_due(paris, utc(2027, 3, 22, 5, 59)) == utc(2027, 3, 22, 6, 0)


def test_chosen_weekday_and_odd_values():
    now = utc(2027, 6, 9, 12, 0)  # a Wednesday
    friday = member("Europe/Paris", digest="weekly", digest_weekday=4)
    assert next_due(friday, now) == utc(2027, 6, 11, 5, 0)
    odd = member("Europe/Paris", digest="weekly", digest_weekday="soon")
    assert next_due(odd, now) == utc(2027, 6, 14, 5, 0)
    assert next_due(member("Europe/Paris", digest="never"), now) is None
    gone = member("Europe/Paris")
    gone.is_deleted = True
    assert next_due(gone, now) is None
