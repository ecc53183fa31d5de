"""iCalendar downloads and the personal feed: valid RFC 5545, stable UIDs, secrets kept."""

from __future__ import annotations

import re

from sqlalchemy import delete, select

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.spaces.models import Membership
from tests import factories
from tests.helpers import post_form
from tests.meetings.helpers import calendar_of, parse_ics


def feed_path(client) -> str:
    """The feed path shown on /agenda/calendar."""
    page = client.get("/agenda/calendar").get_data(as_text=True)
    match = re.search(r'value="http://localhost(/calendar/[A-Za-z0-9_-]+\.ics)"', page)
    assert match, page
    return match.group(1)


# --- refused -------------------------------------------------------------------------


def test_an_unknown_or_malformed_token_is_not_found(client):
    assert client.get("/calendar/" + "a" * 43 + ".ics").status_code == 404
    assert client.get("/calendar/short.ics").status_code == 404
    assert client.get("/calendar/" + "%2e" * 30 + ".ics").status_code == 404


def test_a_regenerated_address_replaces_the_old_one(member_client):
    old = feed_path(member_client)
    assert member_client.get(old).status_code == 200
    response = post_form(member_client, "/agenda/calendar/regenerate")
    assert response.status_code == 302
    new = feed_path(member_client)
    assert new != old
    assert member_client.get(old).status_code == 404
    assert member_client.get(new).status_code == 200


def test_the_feed_of_a_deleted_account_is_gone(app, member_client, people):
    path = feed_path(member_client)
    from portal.accounts.personal import delete_account

    with app.app_context():
        delete_account(db.session.get(User, people["member"].id))
        db.session.commit()
    assert member_client.get(path).status_code in (302, 404)
    assert factories.APP.test_client().get(path).status_code == 404


def test_leaving_a_cohort_removes_its_sessions_from_the_feed(app, member_client, cohort, people):
    meeting = factories.meeting(cohort, title="Séance confidentielle")
    factories.registration(meeting, people["member"])
    path = feed_path(member_client)
    assert "Séance confidentielle" in member_client.get(path).get_data(as_text=True)
    with app.app_context():
        db.session.execute(delete(Membership).where(Membership.user_id == people["member"].id))
        db.session.commit()
    assert "Séance confidentielle" not in factories.APP.test_client().get(path).get_data(
        as_text=True
    )


# --- one session ---------------------------------------------------------------------


def test_a_session_downloads_as_a_valid_calendar(member_client, cohort, session_next_week):
    response = member_client.get(f"/meetings/{session_next_week.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert b"\r\n" in response.data  # RFC 5545 lines end with CRLF
    calendar = calendar_of(response.data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    [event] = parse_ics(response.data)
    assert event["UID"] == f"meeting-{session_next_week.id}@localhost"
    assert event["SUMMARY"] == "Atelier diagnostic"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["DTSTART"].dt == session_next_week.starts_at
    assert event["DTEND"].dt == session_next_week.ends_at
    # Times in UTC ("Z"), which every calendar app reads the same way.
    assert re.search(rb"DTSTART:\d{8}T\d{6}Z", response.data)
    assert event["URL"] == f"http://localhost/meetings/{session_next_week.id}"
    assert "https://visio.example.org/room" in event["LOCATION"]


def test_a_cancelled_session_says_so_and_keeps_its_uid(member_client, cohort):
    meeting = factories.meeting(cohort, cancelled_at=utcnow(), sequence=3)
    [event] = parse_ics(member_client.get(f"/meetings/{meeting.id}.ics").data)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 3
    assert event["UID"] == f"meeting-{meeting.id}@localhost"


# --- the feed ------------------------------------------------------------------------


def test_the_feed_lists_the_sessions_you_have_a_seat_for(app, member_client, cohort, people):
    seat = factories.meeting(cohort, title="Avec une place")
    waiting = factories.meeting(cohort, title="En liste d'attente")
    left = factories.meeting(cohort, title="Désinscrit")
    ignored = factories.meeting(cohort, title="Pas inscrit")
    cancelled = factories.meeting(cohort, title="Annulée", cancelled_at=utcnow())
    factories.registration(seat, people["member"])
    factories.registration(waiting, people["member"], status="waitlisted")
    factories.registration(left, people["member"], status="cancelled")
    factories.registration(cancelled, people["member"])
    someone_else = factories.user()
    factories.registration(ignored, someone_else)

    path = feed_path(member_client)
    response = factories.APP.test_client().get(path)  # calendar apps send no cookie
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    events = {str(e["SUMMARY"]): e for e in parse_ics(response.data)}
    assert set(events) == {"Avec une place", "Annulée"}
    assert events["Annulée"]["STATUS"] == "CANCELLED"
    calendar = calendar_of(response.data)
    assert "REFRESH-INTERVAL" in calendar and calendar["X-WR-CALNAME"]
    with app.app_context():
        token = db.session.scalar(select(User.calendar_token).where(User.id == people["member"].id))
    assert path == f"/calendar/{token}.ics"


def test_the_token_is_made_once_and_kept(member_client):
    assert feed_path(member_client) == feed_path(member_client)


def test_the_calendar_page_is_not_cached(member_client):
    response = member_client.get("/agenda/calendar")
    assert response.headers["Cache-Control"] == "no-store"
