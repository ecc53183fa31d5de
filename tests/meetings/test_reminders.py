"""Reminders before a session: which offset is due when, and what withdraws them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests import factories

DAY = 24 * 60
WEEK = 7 * DAY


def run(app, now):
    """Run the reminders scheduler at `now` and commit, as the worker does."""
    from portal.core.extensions import db
    from portal.meetings.reminders import schedule_reminders

    with app.app_context():
        written = schedule_reminders(now)
        db.session.commit()
        return written


def reminders(outbox, status="pending"):
    """The reminder rows of the outbox with `status`."""
    return [row for row in outbox(status=status) if row["dedupe_key"].startswith("reminder:")]


@pytest.fixture
def seat(cohort):
    """A member with a seat, registered long ago, for a session in ten days."""
    member = factories.user()
    factories.membership(cohort, member)
    meeting = factories.meeting(cohort, title="Atelier récit", starts_in_days=10)
    factories.registration(meeting, member, created_at=meeting.starts_at - timedelta(days=30))
    return meeting, member


# --- the rule, as a pure function ------------------------------------------------------


def test_offset_rule():
    from portal.meetings.reminders import offset_to_send

    start = datetime(2027, 10, 28, 16, 0, tzinfo=UTC)
    long_ago = start - timedelta(days=30)
    offsets = [WEEK, DAY]
    assert offset_to_send(offsets, start, long_ago, start - timedelta(days=8)) is None
    assert offset_to_send(offsets, start, long_ago, start - timedelta(days=7)) == WEEK
    assert offset_to_send(offsets, start, long_ago, start - timedelta(days=3)) == WEEK
    assert offset_to_send(offsets, start, long_ago, start - timedelta(hours=23)) == DAY
    assert offset_to_send(offsets, start, long_ago, start) is None
    assert offset_to_send([], start, long_ago, start - timedelta(hours=1)) is None
    # Registered three days before: the 7-day reminder is late and skipped, the 24 h one comes.
    late = start - timedelta(days=3)
    assert offset_to_send(offsets, start, late, late + timedelta(minutes=1)) is None
    assert offset_to_send(offsets, start, late, start - timedelta(hours=24)) == DAY
    # Registered within the last offset: that last reminder still comes (with the .ics).
    last_minute = start - timedelta(hours=5)
    assert offset_to_send(offsets, start, last_minute, last_minute) == DAY


# --- the scheduler -------------------------------------------------------------------


def test_due_reminder_is_written_once_with_the_latest_offset(app, seat, outbox):
    meeting, member = seat
    assert run(app, meeting.starts_at - timedelta(days=8)) == 0
    assert run(app, meeting.starts_at - timedelta(hours=23)) == 1
    rows = reminders(outbox)
    stamp = int(meeting.starts_at.timestamp())
    assert [r["dedupe_key"] for r in rows] == [f"reminder:{meeting.id}:{member.id}:{DAY}:{stamp}"]
    assert rows[0]["category"] == "reminders"
    assert rows[0]["is_essential"] is False
    assert rows[0]["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert rows[0]["attachments"][0]["filename"].endswith(".ics")
    # Running again, or a minute later, writes nothing new.
    assert run(app, meeting.starts_at - timedelta(hours=23)) == 0
    assert run(app, meeting.starts_at - timedelta(hours=22, minutes=59)) == 0
    assert len(reminders(outbox)) == 1


def test_each_offset_once_in_order(app, seat, outbox):
    meeting, _member = seat
    assert run(app, meeting.starts_at - timedelta(days=7)) == 1
    assert run(app, meeting.starts_at - timedelta(days=6)) == 0
    assert run(app, meeting.starts_at - timedelta(days=1)) == 1
    keys = [r["dedupe_key"].split(":")[3] for r in reminders(outbox)]
    assert keys == [str(WEEK), str(DAY)]


def test_late_registration_gets_only_the_next_reminder(app, cohort, outbox):
    member = factories.user()
    factories.membership(cohort, member)
    meeting = factories.meeting(cohort, starts_in_days=10)
    factories.registration(meeting, member, created_at=meeting.starts_at - timedelta(days=3))
    assert run(app, meeting.starts_at - timedelta(days=3) + timedelta(minutes=5)) == 0
    assert run(app, meeting.starts_at - timedelta(days=1)) == 1
    assert reminders(outbox)[0]["dedupe_key"].split(":")[3] == str(DAY)


def test_moved_session_withdraws_pending_and_gets_a_new_key(app, seat, outbox):
    from portal.core.extensions import db
    from portal.meetings import services
    from portal.meetings.models import Meeting

    meeting, member = seat
    run(app, meeting.starts_at - timedelta(days=7))
    [old] = reminders(outbox)
    later = meeting.starts_at + timedelta(days=2)
    with app.app_context():
        stored = db.session.get(Meeting, meeting.id)
        details = services.MeetingDetails(
            title=stored.title,
            starts_at=later,
            ends_at=later + timedelta(hours=2),
            visio_url=stored.visio_url,
        )
        services.update_meeting(meeting.id, details)
        db.session.commit()
    [withdrawn] = reminders(outbox, "cancelled")
    assert withdrawn["dedupe_key"].startswith(old["dedupe_key"] + ":withdrawn:")
    assert run(app, later - timedelta(days=7)) == 1
    [new] = reminders(outbox)
    assert new["dedupe_key"].endswith(f":{WEEK}:{int(later.timestamp())}")
    # The change notice went out too, as a CHANGES email.
    assert [r["category"] for r in outbox(template="meetings/changed")] == ["changes"]


def test_cancelled_session_gets_no_reminder(app, seat, outbox):
    from portal.core.extensions import db
    from portal.meetings import services

    meeting, _member = seat
    run(app, meeting.starts_at - timedelta(days=7))
    with app.app_context():
        services.cancel_meeting(meeting.id, "Reportée.")
        db.session.commit()
    assert reminders(outbox) == []
    assert len(reminders(outbox, "cancelled")) == 1
    assert run(app, meeting.starts_at - timedelta(hours=20)) == 0


def test_unregistered_member_gets_no_reminder(app, seat, outbox):
    from portal.core.extensions import db
    from portal.meetings import registrations

    meeting, member = seat
    run(app, meeting.starts_at - timedelta(days=7))
    with app.app_context():
        registrations.unregister(meeting.id, member.id)
        db.session.commit()
    assert len(reminders(outbox, "cancelled")) == 1
    assert run(app, meeting.starts_at - timedelta(hours=20)) == 0


def move(app, meeting_id, starts_at):
    """The facilitator moves the session to `starts_at` (two hours long)."""
    from portal.core.extensions import db
    from portal.meetings import services
    from portal.meetings.models import Meeting

    with app.app_context():
        stored = db.session.get(Meeting, meeting_id)
        details = services.MeetingDetails(
            title=stored.title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            visio_url=stored.visio_url,
        )
        services.update_meeting(meeting_id, details)
        db.session.commit()


def test_a_session_moved_back_to_its_first_time_gets_its_reminder_again(app, seat, outbox):
    """The withdrawn reminder of the first time gave its key back (a found bug: the
    cancelled row kept it, and the moved-back session sent no reminder at all)."""
    meeting, member = seat
    first = meeting.starts_at
    run(app, first - timedelta(days=7))
    move(app, meeting.id, first + timedelta(days=2))
    move(app, meeting.id, first)

    assert run(app, first - timedelta(days=7) + timedelta(minutes=1)) == 1
    [again] = reminders(outbox)
    assert (
        again["dedupe_key"] == f"reminder:{meeting.id}:{member.id}:{WEEK}:{int(first.timestamp())}"
    )


def test_a_member_who_registers_again_gets_reminders_again(app, seat, outbox):
    from portal.core.extensions import db
    from portal.meetings import registrations

    meeting, member = seat
    run(app, meeting.starts_at - timedelta(days=7))
    with app.app_context():
        registrations.unregister(meeting.id, member.id)
        db.session.commit()
        registrations.register(meeting.id, member.id)
        db.session.commit()

    assert run(app, meeting.starts_at - timedelta(hours=20)) == 1
    assert [r["recipient"] for r in reminders(outbox)] == [member.email]


def test_waitlisted_preferences_off_deleted_and_no_offsets(app, cohort, outbox):
    from sqlalchemy import update

    from portal.core.extensions import db
    from portal.spaces.models import Space

    meeting = factories.meeting(cohort, starts_in_days=10)
    waiting, unwilling, gone = factories.user(), factories.user(), factories.deleted_user()
    unwilling_prefs = {"session_reminders": False}
    with app.app_context():
        from portal.accounts.models import User

        db.session.get(User, unwilling.id).notification_preferences = unwilling_prefs
        db.session.commit()
    for person in (waiting, unwilling, gone):
        factories.membership(cohort, person)
    factories.registration(meeting, waiting, status="waitlisted")
    factories.registration(meeting, unwilling)
    factories.registration(meeting, gone)
    assert run(app, meeting.starts_at - timedelta(hours=20)) == 0

    willing = factories.user()
    factories.membership(cohort, willing)
    factories.registration(meeting, willing, created_at=meeting.starts_at - timedelta(days=9))
    with app.app_context():
        db.session.execute(update(Space).where(Space.id == cohort.id).values(reminder_offsets=[]))
        db.session.commit()
    assert run(app, meeting.starts_at - timedelta(hours=20)) == 0
    assert outbox() == []


def test_member_who_left_a_cohort_gets_none(app, cohort, outbox):
    stranger = factories.user()
    meeting = factories.meeting(cohort, starts_in_days=3)
    factories.registration(meeting, stranger, created_at=meeting.starts_at - timedelta(days=9))
    assert run(app, meeting.starts_at - timedelta(hours=20)) == 0


def test_space_offsets_are_its_own(app, outbox):
    """A community with a 2-hour reminder only: nothing the day before, one two hours before."""
    community = factories.space(kind="community", reminder_offsets=[120])
    member = factories.user()
    factories.membership(community, member)
    meeting = factories.meeting(community, starts_in_days=2)
    factories.registration(meeting, member, created_at=meeting.starts_at - timedelta(days=5))
    assert run(app, meeting.starts_at - timedelta(hours=23)) == 0
    assert run(app, meeting.starts_at - timedelta(minutes=119)) == 1


def test_reminder_times_across_the_october_change(app, outbox):
    """A session at 18:00 Paris the day after the clocks go back: the reminder says 18:00,
    in the member's zone and in Réunion's for a member there."""
    from portal.meetings.times import local_to_utc
    from tests.meetings.helpers import october_change

    space = factories.space(timezone="Europe/Paris")
    day = october_change() + timedelta(days=1)
    starts_at = local_to_utc(
        datetime.combine(day, datetime.min.time()).replace(hour=18), "Europe/Paris"
    )
    meeting = factories.meeting(space, starts_at=starts_at)
    paris = factories.user(timezone="Europe/Paris")
    reunion = factories.user(timezone="Indian/Reunion")
    for person in (paris, reunion):
        factories.membership(space, person)
        factories.registration(meeting, person, created_at=starts_at - timedelta(days=30))
    # 24 h before is still summer time in Paris: the reminder is due at 16:00 UTC the day before.
    assert run(app, starts_at - timedelta(days=1)) == 2
    bodies = {row["recipient"]: row["body_text"] for row in reminders(outbox)}
    assert "6:00\u202fPM" in bodies[paris.email] or "6:00 PM" in bodies[paris.email]
    assert "(Europe/Paris, UTC+01:00)" in bodies[paris.email]
    reunion_text = bodies[reunion.email]
    assert "9:00\u202fPM" in reunion_text or "9:00 PM" in reunion_text
    assert "(Indian/Reunion, UTC+04:00)" in reunion_text
    assert "In the space's time zone:" in reunion_text


def test_query_count_does_not_grow_with_sessions_already_reminded(app, cohort, count_queries):
    """Once everything due is written, a run costs the same few queries for 3 or 12 seats."""
    meeting = factories.meeting(cohort, starts_in_days=1)
    now = meeting.starts_at - timedelta(hours=20)

    def seats(n):
        for _ in range(n):
            member = factories.user()
            factories.membership(cohort, member)
            factories.registration(meeting, member, created_at=now - timedelta(days=9))
        run(app, now)
        with count_queries() as statements:
            run(app, now)
        return len(statements)

    assert seats(3) == seats(9)
