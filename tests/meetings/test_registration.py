"""Members register and unregister; beyond the seats, a waitlist in arrival order."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings.models import Registration
from tests import factories
from tests.helpers import post_form


def register(client, meeting):
    return post_form(client, f"/meetings/{meeting.id}/register")


def unregister(client, meeting):
    return post_form(client, f"/meetings/{meeting.id}/unregister")


def statuses(app, meeting) -> dict[int, str]:
    """user id -> status, for `meeting`."""
    with app.app_context():
        rows = db.session.scalars(select(Registration).where(Registration.meeting_id == meeting.id))
        return {r.user_id: r.status for r in rows}


def members(cohort, count: int) -> list:
    """`count` new members of the cohort, reading English."""
    people = [factories.user(locale="en") for _ in range(count)]
    for person in people:
        factories.membership(cohort, person)
    return people


# --- refused -------------------------------------------------------------------------


def test_someone_outside_the_cohort_cannot_register(app, as_viewer, people, session_next_week):
    response = register(as_viewer(people["ally"]), session_next_week)
    assert response.status_code == 404  # the cohort's sessions are not even shown
    assert statuses(app, session_next_week) == {}


def test_an_unconfirmed_member_cannot_register(app, as_viewer, cohort, session_next_week):
    unconfirmed = factories.user(confirmed=False)
    factories.membership(cohort, unconfirmed)
    assert register(as_viewer(unconfirmed), session_next_week).status_code == 403


def test_registration_is_closed_after_the_deadline(app, member_client, cohort):
    meeting = factories.meeting(cohort, registration_deadline=utcnow() - timedelta(hours=1))
    assert register(member_client, meeting).status_code == 403
    page = member_client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Registration is closed." in page
    assert statuses(app, meeting) == {}


def test_registration_is_closed_once_the_session_has_started(app, member_client, cohort):
    meeting = factories.meeting(cohort, starts_in_days=-0.01)
    assert register(member_client, meeting).status_code == 403
    assert statuses(app, meeting) == {}


def test_registration_is_closed_for_a_cancelled_session(app, member_client, cohort):
    meeting = factories.meeting(cohort, cancelled_at=utcnow())
    assert register(member_client, meeting).status_code == 403


def test_registration_needs_a_csrf_token(app, member_client, session_next_week):
    response = member_client.post(f"/meetings/{session_next_week.id}/register")
    assert response.status_code == 400
    assert statuses(app, session_next_week) == {}


def test_an_unknown_session_is_not_found(member_client):
    assert register(member_client, type("M", (), {"id": 999_999})).status_code == 404
    assert member_client.get("/meetings/999999").status_code == 404


# --- seats and waitlist --------------------------------------------------------------


def test_a_member_registers_and_sees_it_on_the_page(app, member_client, people, session_next_week):
    response = register(member_client, session_next_week)
    assert response.status_code == 302
    assert statuses(app, session_next_week) == {people["member"].id: "confirmed"}
    page = member_client.get(f"/meetings/{session_next_week.id}").get_data(as_text=True)
    assert "Registered" in page and "Unregister" in page


def test_registering_twice_changes_nothing(app, member_client, people, session_next_week):
    register(member_client, session_next_week)
    register(member_client, session_next_week)
    assert statuses(app, session_next_week) == {people["member"].id: "confirmed"}


def test_beyond_the_capacity_members_join_the_waitlist_in_arrival_order(app, as_viewer, cohort):
    meeting = factories.meeting(cohort, capacity=2)
    first, second, third, fourth = members(cohort, 4)
    for person in (first, second, third, fourth):
        register(as_viewer(person), meeting)
    assert statuses(app, meeting) == {
        first.id: "confirmed",
        second.id: "confirmed",
        third.id: "waitlisted",
        fourth.id: "waitlisted",
    }
    page = as_viewer(fourth).get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "On the waitlist" in page and "Position 2 on the waitlist." in page


def test_a_freed_seat_goes_to_the_first_waiting_who_is_told_by_email(
    app, as_viewer, cohort, outbox, smtp_server, deliver
):
    meeting = factories.meeting(cohort, capacity=1, title="Atelier gouvernance")
    holder, first_waiting, second_waiting = members(cohort, 3)
    for person in (holder, first_waiting, second_waiting):
        register(as_viewer(person), meeting)

    assert unregister(as_viewer(holder), meeting).status_code == 302

    assert statuses(app, meeting) == {
        holder.id: "cancelled",
        first_waiting.id: "confirmed",
        second_waiting.id: "waitlisted",
    }
    [notice] = outbox(template="meetings/promoted")
    assert notice["recipient"] == first_waiting.email
    deliver()
    [message] = smtp_server.messages()
    assert message["To"] == first_waiting.email
    assert message["Subject"] == "You have a seat: Atelier gouvernance"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "a seat has freed up and it is yours" in text
    assert f"http://localhost/meetings/{meeting.id}" in text
    [invite] = [part for part in message.iter_attachments()]
    assert invite.get_content_type() == "text/calendar"
    assert b"METHOD:REQUEST" in invite.get_payload(decode=True)


def test_a_waitlisted_member_who_leaves_frees_no_seat(app, as_viewer, cohort, outbox):
    meeting = factories.meeting(cohort, capacity=1)
    holder, waiting, last = members(cohort, 3)
    for person in (holder, waiting, last):
        register(as_viewer(person), meeting)
    unregister(as_viewer(waiting), meeting)
    assert statuses(app, meeting)[last.id] == "waitlisted"
    assert outbox(template="meetings/promoted") == []


def test_coming_back_after_unregistering_puts_you_at_the_end_of_the_line(app, as_viewer, cohort):
    meeting = factories.meeting(cohort, capacity=1)
    holder, waiting = members(cohort, 2)
    register(as_viewer(holder), meeting)
    register(as_viewer(waiting), meeting)
    unregister(as_viewer(holder), meeting)
    register(as_viewer(holder), meeting)
    assert statuses(app, meeting) == {holder.id: "waitlisted", waiting.id: "confirmed"}


def test_more_seats_promote_the_waitlist(app, facilitator_client, as_viewer, cohort, outbox):
    from tests.meetings.test_scheduling import edit

    meeting = factories.meeting(cohort, capacity=1)
    people = members(cohort, 3)
    for person in people:
        register(as_viewer(person), meeting)
    edit(facilitator_client, meeting, capacity="2")
    assert list(statuses(app, meeting).values()).count("confirmed") == 2
    assert [n["recipient"] for n in outbox(template="meetings/promoted")] == [people[1].email]


def test_unregistering_when_not_registered_says_so(member_client, session_next_week):
    response = unregister(member_client, session_next_week)
    assert response.status_code == 302
    page = member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You were not registered for this session." in page


def test_nobody_unregisters_once_the_session_has_started(app, member_client, cohort, people):
    meeting = factories.meeting(cohort, starts_in_days=-0.01)
    factories.registration(meeting, people["member"])
    assert unregister(member_client, meeting).status_code == 403
    assert statuses(app, meeting) == {people["member"].id: "confirmed"}


def test_a_session_cancelled_while_waiting_for_the_lock_takes_no_registration(app, cohort, people):
    import pytest

    from portal.meetings import registrations

    meeting = factories.meeting(cohort, cancelled_at=utcnow())
    with app.app_context(), pytest.raises(registrations.RegistrationClosed):
        registrations.register(meeting.id, people["member"].id)
