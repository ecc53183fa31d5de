"""A weekly session at 18:00 Paris stays at 18:00 local across the October change:
on the page, in the email and in the .ics parsed back with icalendar."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.core.extensions import db
from portal.meetings.models import Meeting
from tests import factories
from tests.helpers import post_form
from tests.meetings.helpers import local, october_change, parse_ics, session_form
from tests.meetings.test_scheduling import edit

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def weekly(app, facilitator_client, cohort):
    """Thursdays at 18:00 Paris, the one before and the one after the October change."""
    change = october_change()
    thursdays = [change - timedelta(days=3), change + timedelta(days=4)]
    for day in thursdays:
        data = session_form(
            title=f"Atelier du {day}", starts_at=local(day, 18), ends_at=local(day, 20)
        )
        assert (
            post_form(facilitator_client, f"/spaces/{cohort.slug}/meetings/new", data).status_code
            == 302
        )
    with app.app_context():
        meetings = list(db.session.scalars(select(Meeting).order_by(Meeting.starts_at)))
        db.session.expunge_all()
    return meetings


def test_the_stored_utc_time_moves_so_the_local_time_does_not(weekly):
    summer, winter = weekly
    assert (summer.starts_at.hour, winter.starts_at.hour) == (16, 17)
    assert [m.starts_at.astimezone(PARIS).hour for m in weekly] == [18, 18]


def test_the_page_shows_18h_on_both_sides_of_the_change(weekly, as_viewer, cohort):
    parisian = factories.user(timezone="Europe/Paris", locale="fr")
    factories.membership(cohort, parisian)
    viewer = as_viewer(parisian)
    for meeting in weekly:
        page = viewer.get(f"/meetings/{meeting.id}").get_data(as_text=True)
        assert "18:00 – 20:00" in page


def test_a_reader_elsewhere_sees_their_time_and_the_space_time(weekly, as_viewer, cohort):
    montreal = factories.user(timezone="America/Montreal", locale="fr")
    factories.membership(cohort, montreal)
    summer, winter = weekly
    viewer = as_viewer(montreal)
    summer_page = viewer.get(f"/meetings/{summer.id}").get_data(as_text=True)
    winter_page = viewer.get(f"/meetings/{winter.id}").get_data(as_text=True)
    # Montreal changes a week later: 12:00 before Europe's change, 13:00 in the week between.
    assert "12:00 – 14:00" in summer_page and "13:00 – 15:00" in winter_page
    assert summer_page.count("18:00 – 20:00") == 1 and winter_page.count("18:00 – 20:00") == 1
    assert "(Europe/Paris, UTC+02:00)" in summer_page and "(Europe/Paris, UTC+01:00)" in winter_page


def test_the_ics_parsed_back_gives_18h_paris_on_both_sides(weekly, member_client):
    for meeting in weekly:
        response = member_client.get(f"/meetings/{meeting.id}.ics")
        [event] = parse_ics(response.data)
        assert event["DTSTART"].dt.astimezone(PARIS).hour == 18
        assert event["DTEND"].dt.astimezone(PARIS).hour == 20
    summer, winter = (parse_ics(member_client.get(f"/meetings/{m.id}.ics").data)[0] for m in weekly)
    assert winter["DTSTART"].dt - summer["DTSTART"].dt == timedelta(days=7, hours=1)


def test_the_change_notice_says_18h_in_its_text_and_its_ics(
    weekly, facilitator_client, cohort, outbox
):
    parisian = factories.user(timezone="Europe/Paris", locale="fr")
    factories.membership(cohort, parisian)
    for meeting in weekly:
        factories.register(meeting, parisian)
        edit(facilitator_client, meeting, place="Salle du conseil")
    notices = outbox(template="meetings/changed")
    assert len(notices) == 2
    for notice in notices:
        assert "18:00 – 20:00" in notice["body_text"]
        assert "18:00 – 20:00" in notice["body_html"]
        [event] = parse_ics(notice["attachments"][0]["data"])
        assert event["DTSTART"].dt.astimezone(PARIS).hour == 18
