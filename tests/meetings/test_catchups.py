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
