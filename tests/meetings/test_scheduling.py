"""Facilitators schedule, edit and cancel sessions; registrants are told by email."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.core.extensions import db
from portal.meetings.models import Meeting
from tests import factories
from tests.helpers import post_form
from tests.meetings.helpers import in_days, local, parse_ics, session_form


def new_path(space) -> str:
    return f"/spaces/{space.slug}/meetings/new"


def meetings_of(app, space) -> list[Meeting]:
    with app.app_context():
        return list(db.session.scalars(select(Meeting).where(Meeting.space_id == space.id)))


# --- refused -------------------------------------------------------------------------


def test_a_member_cannot_schedule_a_session(app, member_client, cohort):
    response = post_form(member_client, new_path(cohort), session_form())
    assert response.status_code == 403
    assert meetings_of(app, cohort) == []


def test_scheduling_without_a_csrf_token_is_refused(app, facilitator_client, cohort):
    response = facilitator_client.post(new_path(cohort), data=session_form())
    assert response.status_code == 400
    assert meetings_of(app, cohort) == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a title."),
        ({"title": "x" * 201}, "At most 200 characters."),
        ({"starts_at": ""}, "Enter the start date and time."),
        ({"starts_at": "not a date"}, "Not a valid datetime value."),
        ({"ends_at": local(in_days(30), 17)}, "The end must come after the start."),
        ({"starts_at": local(in_days(-2), 18), "ends_at": local(in_days(-2), 20)},
         "The start must be in the future."),
        ({"visio_url": "javascript:alert(1)"}, "Enter a web address starting with https://"),
        ({"visio_url": "ftp://files.example.org/x"}, "Enter a web address starting with https://"),
        ({"place": "", "visio_url": ""}, "Give a place, a video-conference link, or both."),
        ({"capacity": "0"}, "Enter a number of seats from 1 to 10000."),
        ({"capacity": "twelve"}, "Not a valid integer value."),
        ({"capacity": "99999999999999999999"}, "Enter a number of seats from 1 to 10000."),
        ({"registration_deadline": local(in_days(31), 9)},
         "The registration deadline must come before the start."),
    ],
)  # fmt: skip
def test_invalid_sessions_are_refused_with_a_message(
    app, facilitator_client, cohort, overrides, message
):
    response = post_form(facilitator_client, new_path(cohort), session_form(**overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert meetings_of(app, cohort) == []


def test_a_time_skipped_by_the_spring_change_is_refused(app, facilitator_client, cohort):
    year = in_days(400).year
    spring = datetime(year, 3, 31).date()
    spring = spring.replace(day=31 - (spring.weekday() + 1) % 7)  # last Sunday of March
    data = session_form(starts_at=local(spring, 2, 30), ends_at=local(spring, 4))
    response = post_form(facilitator_client, new_path(cohort), data)
    assert "This time does not exist in Europe/Paris" in response.get_data(as_text=True)
    assert meetings_of(app, cohort) == []


# --- accepted ------------------------------------------------------------------------


def test_a_facilitator_schedules_a_session_in_the_space_time_zone(app, facilitator_client, cohort):
    data = session_form(capacity="12", registration_deadline=local(in_days(28), 12))
    response = post_form(facilitator_client, new_path(cohort), data)
    [meeting] = meetings_of(app, cohort)
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}")
    local_start = meeting.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris"))
    assert (local_start.hour, local_start.minute) == (18, 0)
    assert meeting.starts_at.tzinfo == UTC
    assert meeting.capacity == 12 and meeting.sequence == 0
    assert meeting.place == "Maison des associations, Rennes"


def test_a_session_in_another_zone_is_entered_in_that_zone(app, facilitator_client, people):
    reunion = factories.space(title="Cohorte Réunion", timezone="Indian/Reunion")
    factories.membership(reunion, people["facilitator"], role="facilitator")
    post_form(facilitator_client, new_path(reunion), session_form())
    [meeting] = meetings_of(app, reunion)
    assert meeting.starts_at.hour == 14  # 18:00 at UTC+4


def test_the_edit_form_shows_the_times_in_the_space_zone(facilitator_client, cohort):
    starts = datetime(in_days(60).year, 1, 14, 17, 0, tzinfo=UTC)  # 18:00 Paris in winter
    meeting = factories.meeting(cohort, starts_at=starts)
    page = facilitator_client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert f'value="{starts.year}-01-14T18:00"' in page


# --- notices -------------------------------------------------------------------------


def edit(client, meeting, **overrides):
    """Post the edit form of `meeting` with its current values and `overrides`."""
    page = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert page
    with factories.context():
        current = db.session.get(Meeting, meeting.id)
        from portal.meetings.views import _edit_data  # the form's own initial values

        data = {
            key: (value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value)
            for key, value in _edit_data(current).items()
        }
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(overrides)
    return post_form(client, f"/meetings/{meeting.id}/edit", data)


def test_a_new_time_is_emailed_to_everyone_registered_with_the_updated_ics(
    app, facilitator_client, cohort, people, outbox
):
    meeting = factories.meeting(cohort, capacity=1, starts_in_days=20)
    waiting = factories.user(email="waiting@example.org")
    factories.membership(cohort, waiting)
    factories.register(meeting, people["member"])
    factories.register(meeting, waiting)
    gone = factories.user()
    factories.registration(meeting, gone, status="cancelled")

    response = edit(
        facilitator_client, meeting, starts_at=local(in_days(21), 9), ends_at=local(in_days(21), 11)
    )
    assert response.status_code == 302
    notices = outbox(template="meetings/changed")
    assert sorted(n["recipient"] for n in notices) == sorted(
        [people["member"].email, "waiting@example.org"]
    )
    with app.app_context():
        assert db.session.get(Meeting, meeting.id).sequence == 1
    [attachment] = notices[0]["attachments"]
    assert attachment["content_type"].startswith("text/calendar")
    assert "method=REQUEST" in attachment["content_type"]
    [event] = parse_ics(attachment["data"])
    assert event["SEQUENCE"] == 1
    assert event["UID"] == f"meeting-{meeting.id}@localhost"
    assert "METHOD:REQUEST" in attachment["data"]
    assert event["DTSTART"].dt.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris")).hour == 9


def test_a_new_title_raises_the_sequence_without_emailing(
    app, facilitator_client, cohort, people, outbox
):
    meeting = factories.meeting(cohort)
    factories.register(meeting, people["member"])
    edit(facilitator_client, meeting, title="Un nouveau titre")
    with app.app_context():
        updated = db.session.get(Meeting, meeting.id)
        assert (updated.title, updated.sequence) == ("Un nouveau titre", 1)
    assert outbox(template="meetings/changed") == []


def test_saving_without_changes_keeps_the_sequence(app, facilitator_client, cohort, outbox):
    meeting = factories.meeting(cohort)
    edit(facilitator_client, meeting)
    with app.app_context():
        assert db.session.get(Meeting, meeting.id).sequence == 0


def test_a_new_place_is_emailed_too(facilitator_client, cohort, people, outbox):
    meeting = factories.meeting(cohort, place="Salle A")
    factories.register(meeting, people["member"])
    edit(facilitator_client, meeting, place="Salle B")
    [notice] = outbox(template="meetings/changed")
    assert "Salle B" in notice["body_text"]


def test_cancelling_emails_everyone_registered_with_a_cancel_ics(
    app, facilitator_client, cohort, people, outbox
):
    meeting = factories.meeting(cohort)
    factories.register(meeting, people["member"])
    response = post_form(
        facilitator_client, f"/meetings/{meeting.id}/cancel", {"message": "Grève des trains."}
    )
    assert response.status_code == 302
    [notice] = outbox(template="meetings/cancelled")
    assert notice["recipient"] == people["member"].email
    assert "Grève des trains." in notice["body_text"]
    [attachment] = notice["attachments"]
    assert "METHOD:CANCEL" in attachment["data"]
    [event] = parse_ics(attachment["data"])
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    with app.app_context():
        cancelled = db.session.get(Meeting, meeting.id)
        assert cancelled.is_cancelled and cancelled.cancellation_message == "Grève des trains."
    page = facilitator_client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "This session is cancelled." in page and "Grève des trains." in page


def test_a_cancelled_session_cannot_be_edited_or_cancelled_again(facilitator_client, cohort):
    meeting = factories.meeting(cohort, cancelled_at=datetime.now(UTC))
    assert facilitator_client.get(f"/meetings/{meeting.id}/edit").status_code == 403
    assert post_form(facilitator_client, f"/meetings/{meeting.id}/cancel").status_code == 403


def test_an_overlong_cancellation_message_is_a_form_error(app, facilitator_client, cohort, outbox):
    meeting = factories.meeting(cohort)
    response = post_form(
        facilitator_client, f"/meetings/{meeting.id}/cancel", {"message": "x" * 2001}
    )
    assert response.status_code == 400
    assert "At most 2000 characters." in response.get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(Meeting, meeting.id).is_cancelled
