"""Digest scheduling: lazy schedules, due members only, one digest per period, no empty ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests import factories
from tests.digests.conftest import set_preferences

#: Wednesday 9 June 2027, noon UTC; the next Monday 07:00 Paris is 14 June 05:00 UTC.
WEDNESDAY = datetime(2027, 6, 9, 12, 0, tzinfo=UTC)
MONDAY_PARIS = datetime(2027, 6, 14, 5, 0, tzinfo=UTC)
MONDAY_REUNION = datetime(2027, 6, 14, 3, 0, tzinfo=UTC)


def busy_member(**fields):
    """A member of a cohort with a session in the next days (so their digest is never empty)."""
    member = factories.user(**fields)
    cohort = factories.space()
    factories.membership(cohort, member)
    factories.meeting(cohort, title="Atelier", starts_at=MONDAY_PARIS + timedelta(days=2))
    return member


def test_schedules_are_created_lazily_for_those_who_want_digests(
    app, run_digests, schedule_of, outbox
):
    weekly, daily, never = factories.user(), factories.user(), factories.user()
    gone = factories.deleted_user()
    set_preferences(app, daily, digest="daily")
    set_preferences(app, never, digest="never")
    assert run_digests(WEDNESDAY) == 0
    assert schedule_of(weekly) == (MONDAY_PARIS, None)
    assert schedule_of(daily) == (datetime(2027, 6, 10, 5, 0, tzinfo=UTC), None)
    assert schedule_of(never) is None and schedule_of(gone) is None
    assert outbox() == []


def test_due_digest_once_then_the_schedule_moves_a_week(app, run_digests, schedule_of, outbox):
    member = busy_member()
    run_digests(WEDNESDAY)
    assert run_digests(MONDAY_PARIS - timedelta(minutes=1)) == 0
    assert run_digests(MONDAY_PARIS) == 1
    assert run_digests(MONDAY_PARIS) == 0
    assert run_digests(MONDAY_PARIS + timedelta(minutes=1)) == 0
    [row] = outbox()
    assert row["dedupe_key"] == f"digest:{member.id}:2027-06-14"
    assert row["category"] == "digest"
    assert "List-Unsubscribe" in row["headers"]
    assert schedule_of(member) == (MONDAY_PARIS + timedelta(days=7), MONDAY_PARIS)


def test_paris_and_reunion_members_at_seven_local(app, run_digests, outbox):
    paris = busy_member(timezone="Europe/Paris")
    reunion = busy_member(timezone="Indian/Reunion")
    run_digests(WEDNESDAY)
    assert run_digests(MONDAY_REUNION) == 1
    assert [r["recipient"] for r in outbox()] == [reunion.email]
    assert run_digests(MONDAY_PARIS) == 1
    assert [r["recipient"] for r in outbox()] == [reunion.email, paris.email]


def test_an_empty_digest_is_not_sent_but_the_schedule_advances(
    app, run_digests, schedule_of, outbox
):
    idle = factories.user()
    run_digests(WEDNESDAY)
    assert run_digests(MONDAY_PARIS) == 0
    assert outbox() == []
    assert schedule_of(idle) == (MONDAY_PARIS + timedelta(days=7), MONDAY_PARIS)


def test_turning_digests_off_or_leaving_drops_the_schedule(app, run_digests, schedule_of):
    from portal.accounts.models import User
    from portal.accounts.personal import delete_account
    from portal.core.extensions import db
    from portal.digests import reschedule

    stopping, leaving = busy_member(), busy_member()
    run_digests(WEDNESDAY)
    set_preferences(app, stopping, digest="never")
    with app.app_context():
        reschedule(db.session.get(User, stopping.id), WEDNESDAY)
        delete_account(db.session.get(User, leaving.id))
        db.session.commit()
    assert schedule_of(stopping) is None
    assert run_digests(MONDAY_PARIS) == 0
    assert schedule_of(leaving) is None


def test_reschedule_follows_a_new_weekday_and_zone(app, run_digests, schedule_of, outbox):
    from portal.accounts.models import User
    from portal.core.extensions import db
    from portal.digests import reschedule

    member = busy_member()
    run_digests(WEDNESDAY)
    set_preferences(app, member, digest="weekly", digest_weekday=3)  # Thursday
    with app.app_context():
        user = db.session.get(User, member.id)
        user.timezone = "Indian/Reunion"
        reschedule(user, WEDNESDAY)
        db.session.commit()
    assert schedule_of(member) == (datetime(2027, 6, 10, 3, 0, tzinfo=UTC), None)


def test_profile_zone_change_reschedules(app, run_digests, schedule_of):
    from portal.accounts import services
    from portal.accounts.models import User
    from portal.core.extensions import db

    member = factories.user()
    run_digests(WEDNESDAY)
    with app.app_context():
        user = db.session.get(User, member.id)
        services.update_profile(
            user,
            display_name=user.display_name,
            organisation_id=None,
            locale="en",
            timezone="Indian/Reunion",
        )
        db.session.commit()
    due, _covered = schedule_of(member)
    local = due.astimezone(ZoneInfo("Indian/Reunion"))
    assert (local.hour, local.minute, local.weekday()) == (7, 0, 0)
