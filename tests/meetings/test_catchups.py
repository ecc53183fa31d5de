"""Catch-up emails after a missed session: the next morning, materials and the next session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests import factories


def run(app, now):
    from portal.core.extensions import db
    from portal.meetings.catchups import schedule_catchups

    with app.app_context():
        written = schedule_catchups(now)
        db.session.commit()
        return written


@pytest.fixture
def missed(cohort):
    """A session that ended 21:00 Paris (19:00 UTC, summer) on 2027-06-10, an absent member,
    a material posted for it and the next session of the space."""
    starts_at = datetime(2027, 6, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(cohort, title="Atelier juin", starts_at=starts_at)
    absent = factories.user(timezone="Europe/Paris")
    present = factories.user()
    for person, attended in ((absent, False), (present, True)):
        factories.membership(cohort, person)
        factories.registration(meeting, person, attended=attended)
    factories.material(cohort, title="Support de l'atelier", meeting=meeting)
    factories.meeting(cohort, title="Atelier juillet", starts_at=starts_at + timedelta(days=30))
    return meeting, absent


def test_sent_the_next_morning_at_eight_local(app, missed, outbox):
    meeting, absent = missed
    # 08:00 Paris on 11 June (summer time) is 06:00 UTC.
    assert run(app, datetime(2027, 6, 11, 5, 59, tzinfo=UTC)) == 0
    assert run(app, datetime(2027, 6, 11, 6, 0, tzinfo=UTC)) == 1
    [row] = outbox()
    assert row["recipient"] == absent.email
    assert row["dedupe_key"] == f"catchup:{meeting.id}:{absent.id}"
    assert row["category"] == "catchups"
    assert "Support de l'atelier" in row["body_text"]
    assert "http://localhost/materials/" in row["body_html"]
    assert "Atelier juillet" in row["body_text"]
    assert run(app, datetime(2027, 6, 11, 9, 0, tzinfo=UTC)) == 0


def test_morning_in_the_members_zone(app, cohort, outbox):
    """Ended 23:30 UTC on 10 June: for Réunion (UTC+4) that is already 11 June, so the
    morning after is 12 June 08:00 local = 04:00 UTC."""
    from portal.meetings.catchups import morning_after

    ends = datetime(2027, 6, 10, 23, 30, tzinfo=UTC)
    assert morning_after(ends, "Indian/Reunion") == datetime(2027, 6, 12, 4, 0, tzinfo=UTC)
    assert morning_after(ends, "Europe/Paris") == datetime(2027, 6, 12, 6, 0, tzinfo=UTC)
    assert morning_after(ends, "America/New_York") == datetime(2027, 6, 11, 12, 0, tzinfo=UTC)


def test_attendance_recorded_late_sends_at_once_but_not_after_a_week(app, cohort, outbox):
    from sqlalchemy import update

    from portal.core.extensions import db
    from portal.meetings.models import Registration

    starts_at = datetime(2027, 6, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(cohort, starts_at=starts_at)
    factories.meeting(cohort, starts_at=starts_at + timedelta(days=20))
    member = factories.user()
    factories.membership(cohort, member)
    registration = factories.registration(meeting, member)
    assert run(app, datetime(2027, 6, 13, 12, 0, tzinfo=UTC)) == 0  # not recorded yet
    with app.app_context():
        db.session.execute(
            update(Registration).where(Registration.id == registration.id).values(attended=False)
        )
        db.session.commit()
    assert run(app, datetime(2027, 6, 20, 12, 0, tzinfo=UTC)) == 0  # more than a week later
    assert run(app, datetime(2027, 6, 13, 12, 5, tzinfo=UTC)) == 1


def test_nothing_to_tell_waits_for_materials(app, cohort, outbox):
    starts_at = datetime(2027, 6, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(cohort, starts_at=starts_at)
    member = factories.user()
    factories.membership(cohort, member)
    factories.registration(meeting, member, attended=False)
    assert run(app, datetime(2027, 6, 11, 7, 0, tzinfo=UTC)) == 0
    factories.material(cohort, title="Compte rendu", meeting=meeting)
    assert run(app, datetime(2027, 6, 12, 7, 0, tzinfo=UTC)) == 1


def test_preferences_off_deleted_and_cancelled(app, cohort, outbox):
    from portal.accounts.models import User
    from portal.core.extensions import db

    starts_at = datetime(2027, 6, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(cohort, starts_at=starts_at)
    cancelled = factories.meeting(
        cohort, starts_at=starts_at, cancelled_at=starts_at - timedelta(days=1)
    )
    factories.meeting(cohort, starts_at=starts_at + timedelta(days=20))
    unwilling, gone, other = factories.user(), factories.deleted_user(), factories.user()
    with app.app_context():
        db.session.get(User, unwilling.id).notification_preferences = {"catchups": False}
        db.session.commit()
    for person in (unwilling, gone):
        factories.membership(cohort, person)
        factories.registration(meeting, person, attended=False)
    factories.registration(cancelled, other, attended=False)
    assert run(app, datetime(2027, 6, 11, 7, 0, tzinfo=UTC)) == 0
    assert outbox() == []


def test_materials_the_member_may_not_see_are_left_out(app, cohort, outbox):
    """A material of the session shared in another way is still filtered by visibility:
    a member who left the cohort sees only what allies see."""
    starts_at = datetime(2027, 6, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(cohort, starts_at=starts_at)
    former = factories.user()
    factories.registration(meeting, former, attended=False)
    factories.material(cohort, title="Réservé à la cohorte", meeting=meeting)
    factories.material(cohort, title="Pour tous les alliés", meeting=meeting, visibility="allies")
    assert run(app, datetime(2027, 6, 11, 7, 0, tzinfo=UTC)) == 1
    [row] = outbox()
    assert "Pour tous les alliés" in row["body_text"]
    assert "Réservé à la cohorte" not in row["body_text"]


# --- withdrawn when the absence is corrected ------------------------------------------


def status_of(app, key: str) -> str | None:
    """The outbox status of the newest email of dedupe key `key`, withdrawn ones included
    (they give their key back: notifications.services.WITHDRAWN); None: no row."""
    from sqlalchemy import or_, select

    from portal.core.extensions import db
    from portal.notifications.models import OutboxEmail
    from portal.notifications.services import WITHDRAWN

    with app.app_context():
        return db.session.scalar(
            select(OutboxEmail.status)
            .where(
                or_(
                    OutboxEmail.dedupe_key == key,
                    OutboxEmail.dedupe_key.startswith(key + WITHDRAWN, autoescape=True),
                )
            )
            .order_by(OutboxEmail.id.desc())
            .limit(1)
        )


def correct_attendance(app, meeting, now_present=frozenset()):
    """The facilitator's sheet saved again, with the members `now_present` ticked too
    (service level)."""
    from portal.core.extensions import db
    from portal.meetings import registrations
    from portal.meetings.models import Meeting

    with app.app_context():
        meeting = db.session.get(Meeting, meeting.id)
        sheet = registrations.attendance_sheet(meeting)
        present = {r.id for r in sheet if r.attended or r.user_id in now_present}
        registrations.record_attendance(meeting, present)
        db.session.commit()


def test_a_member_marked_present_after_all_loses_the_unsent_catch_up(app, missed, deliver):
    from portal.meetings.catchups import catchup_key

    meeting, absent = missed
    other = factories.user()
    factories.registration(meeting, other, attended=False)
    assert run(app, datetime(2027, 6, 11, 6, 0, tzinfo=UTC)) == 2
    key = catchup_key(meeting.id, absent.id)
    assert status_of(app, key) == "pending"

    correct_attendance(app, meeting, {absent.id})  # `other` stays absent

    assert status_of(app, key) == "cancelled"
    assert status_of(app, catchup_key(meeting.id, other.id)) == "pending"
    assert deliver().sent == 1  # only the other member's catch-up goes out
    assert status_of(app, key) == "cancelled"
    # The scheduler does not write it again: the member is present now (and the key is taken).
    assert run(app, datetime(2027, 6, 12, 6, 0, tzinfo=UTC)) == 0


def test_a_catch_up_already_sent_stays_sent(app, missed, deliver):
    from portal.meetings.catchups import catchup_key

    meeting, absent = missed
    assert run(app, datetime(2027, 6, 11, 6, 0, tzinfo=UTC)) == 1
    assert deliver().sent == 1
    correct_attendance(app, meeting, {absent.id})
    assert status_of(app, catchup_key(meeting.id, absent.id)) == "sent"


def test_saving_the_sheet_again_unchanged_withdraws_nothing(app, missed):
    from portal.meetings.catchups import catchup_key

    meeting, absent = missed
    assert run(app, datetime(2027, 6, 11, 6, 0, tzinfo=UTC)) == 1
    correct_attendance(app, meeting)
    assert status_of(app, catchup_key(meeting.id, absent.id)) == "pending"


def test_a_registration_that_goes_withdraws_its_catch_up(app, missed):
    from portal.core.extensions import db
    from portal.meetings import registrations
    from portal.meetings.catchups import catchup_key

    meeting, absent = missed
    assert run(app, datetime(2027, 6, 11, 6, 0, tzinfo=UTC)) == 1
    with app.app_context():
        assert registrations.unregister(meeting.id, absent.id) is not None
        db.session.commit()
    assert status_of(app, catchup_key(meeting.id, absent.id)) == "cancelled"


def a_recent_absence(cohort, facilitator=None):
    """A session that ended yesterday with an absent member and a material for it."""
    meeting = factories.meeting(cohort, title="Atelier d'hier", starts_in_days=-2)
    absent = factories.user()
    factories.membership(cohort, absent)
    registration = factories.registration(meeting, absent, attended=False)
    factories.material(cohort, title="Compte rendu", meeting=meeting)
    return meeting, absent, registration


def test_the_attendance_page_withdraws_the_catch_up(app, cohort, people, facilitator_client):
    from portal.core.db import utcnow
    from portal.meetings.catchups import catchup_key
    from tests.helpers import post_form

    meeting, absent, registration = a_recent_absence(cohort)
    assert run(app, utcnow()) == 1
    response = post_form(
        facilitator_client, f"/meetings/{meeting.id}/attendance", {"present": [registration.id]}
    )
    assert response.status_code == 302
    assert status_of(app, catchup_key(meeting.id, absent.id)) == "cancelled"


def test_a_member_may_not_correct_attendance(app, cohort, people, member_client):
    from portal.core.db import utcnow
    from portal.meetings.catchups import catchup_key
    from tests.helpers import post_form

    meeting, absent, registration = a_recent_absence(cohort)
    assert run(app, utcnow()) == 1
    response = post_form(
        member_client, f"/meetings/{meeting.id}/attendance", {"present": [registration.id]}
    )
    assert response.status_code == 403
    assert status_of(app, catchup_key(meeting.id, absent.id)) == "pending"


def test_marked_absent_again_the_member_gets_the_catch_up_back(app, missed, deliver):
    """Ticked present by mistake, then unticked: the catch-up is written anew."""
    from portal.core.extensions import db
    from portal.meetings import registrations
    from portal.meetings.catchups import catchup_key
    from portal.meetings.models import Meeting

    meeting, absent = missed
    key = catchup_key(meeting.id, absent.id)
    assert run(app, datetime(2027, 6, 11, 6, 0, tzinfo=UTC)) == 1
    correct_attendance(app, meeting, {absent.id})
    assert status_of(app, key) == "cancelled"
    with app.app_context():
        current = db.session.get(Meeting, meeting.id)
        sheet = registrations.attendance_sheet(current)
        registrations.record_attendance(
            current, {r.id for r in sheet if r.attended and r.user_id != absent.id}
        )
        db.session.commit()
    assert status_of(app, key) == "cancelled"  # the withdrawn row stays, without its key
    assert run(app, datetime(2027, 6, 11, 9, 0, tzinfo=UTC)) == 1
    assert status_of(app, key) == "pending"
    assert deliver().sent == 1
