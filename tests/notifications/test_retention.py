"""Outbox retention: done rows deleted after 90 days, failed ones after 180, in chunks, and
never a row whose dedupe key a scheduler could compute again."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select, update

from portal.core.extensions import db
from portal.notifications.models import MailBounce, OutboxEmail
from tests import factories

NOW = datetime(2027, 9, 1, 12, 0, tzinfo=UTC)


def days_ago(days: float, now: datetime = NOW) -> datetime:
    return now - timedelta(days=days)


def add_row(app, key: str, status: str, *, created: float, sent: float | None = None, due=None):
    """An outbox row `created` days before NOW; `sent` days ago for sent rows (default:
    when created); its last due attempt `due` days ago (default: when created)."""
    from portal.notifications.services import enqueue

    with app.app_context():
        email = enqueue(
            to="someone@example.org",
            template="notifications/test",
            subject="Test",
            dedupe_key=key,
            locale="en",
        )
        email.status = status
        email.created_at = days_ago(created)
        email.next_attempt_at = days_ago(created if due is None else due)
        if status == "sent":
            email.sent_at = days_ago(created if sent is None else sent)
        db.session.commit()


def keys(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(OutboxEmail.dedupe_key)))


def purge(app, now: datetime = NOW) -> int:
    from portal.notifications.retention import purge_outbox

    with app.app_context():
        deleted = purge_outbox(now)
        db.session.commit()
        return deleted


@contextmanager
def statements(app):
    """The SQL statements run inside the block, as a list of strings."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_defaults_are_90_and_180_days(app):
    assert app.config["OUTBOX_RETENTION_DAYS"] == 90
    assert app.config["OUTBOX_FAILED_RETENTION_DAYS"] == 180


def test_done_rows_go_after_90_days_failed_ones_after_180(app):
    add_row(app, "sent-old", "sent", created=92, sent=91)
    add_row(app, "sent-late", "sent", created=100, sent=89)  # counted from sending
    add_row(app, "cancelled-old", "cancelled", created=91)
    add_row(app, "cancelled-recent", "cancelled", created=89)
    add_row(app, "failed-100", "failed", created=100)
    add_row(app, "failed-181", "failed", created=181)
    add_row(app, "bounced-181", "bounced", created=181)
    add_row(app, "bounced-179", "bounced", created=179)
    add_row(app, "retried", "failed", created=300, due=10)  # an administrator's retry
    add_row(app, "pending-old", "pending", created=400)
    add_row(app, "sending-old", "sending", created=400)

    assert purge(app) == 4

    assert keys(app) == {
        "sent-late",
        "cancelled-recent",
        "failed-100",
        "bounced-179",
        "retried",
        "pending-old",
        "sending-old",
    }


def test_nothing_old_is_a_no_op_that_deletes_nothing(app):
    add_row(app, "sent-recent", "sent", created=10)
    add_row(app, "failed-recent", "failed", created=100)
    with statements(app) as seen:
        assert purge(app) == 0
    assert keys(app) == {"sent-recent", "failed-recent"}
    assert not [s for s in seen if s.lstrip().upper().startswith("DELETE")]


def test_a_backlog_goes_in_bounded_chunks(app, monkeypatch):
    from portal.notifications import retention

    monkeypatch.setattr(retention, "CHUNK", 3)
    for number in range(7):
        add_row(app, f"old-{number}", "sent", created=200)
    add_row(app, "recent", "sent", created=1)
    with statements(app) as seen:
        assert purge(app) == 7
    deletes = [s for s in seen if s.lstrip().upper().startswith("DELETE")]
    assert len(deletes) == 3  # 3 + 3 + 1 rows
    assert keys(app) == {"recent"}


def test_the_bounce_counts_stay(app):
    add_row(app, "bounced-old", "bounced", created=400)
    with app.app_context():
        db.session.add(MailBounce(address="someone@example.org", hard_bounces=2))
        db.session.commit()
    assert purge(app) == 1
    with app.app_context():
        assert db.session.scalar(select(MailBounce.hard_bounces)) == 2


def test_the_settings_change_the_periods(app, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOX_RETENTION_DAYS", 30)
    monkeypatch.setitem(app.config, "OUTBOX_FAILED_RETENTION_DAYS", 60)
    add_row(app, "sent-31", "sent", created=31)
    add_row(app, "sent-29", "sent", created=29)
    add_row(app, "failed-61", "failed", created=61)
    add_row(app, "failed-59", "failed", created=59)
    assert purge(app) == 2
    assert keys(app) == {"sent-29", "failed-59"}


def test_never_shorter_than_the_schedulers_horizon(app, monkeypatch):
    """A catch-up's key can come back for a week: one day of retention keeps a week."""
    monkeypatch.setitem(app.config, "OUTBOX_RETENTION_DAYS", 1)
    monkeypatch.setitem(app.config, "OUTBOX_FAILED_RETENTION_DAYS", 1)
    add_row(app, "sent-3", "sent", created=3)
    add_row(app, "failed-6", "failed", created=6)
    add_row(app, "sent-8", "sent", created=8)
    assert purge(app) == 1
    assert keys(app) == {"sent-3", "failed-6"}


def test_keys_that_actions_look_up_again_are_kept(app):
    add_row(app, "forum-mention:1:2", "sent", created=400)
    add_row(app, "charter-resign:3:2", "sent", created=400)
    add_row(app, "forum-post:1:2", "sent", created=400)
    assert purge(app) == 1
    assert keys(app) == {"forum-mention:1:2", "charter-resign:3:2"}


def test_the_worker_reports_what_it_deleted(app):
    from portal.notifications.schedulers import run_schedulers

    add_row(app, "sent-old", "sent", created=100)
    add_row(app, "failed-old", "failed", created=200)
    with app.app_context():
        counts = run_schedulers(NOW)
    assert counts["purged"] == 2
    assert keys(app) == set()


# --- a deleted row's key never comes back ------------------------------------------------


def age_written_rows(app, written_at: datetime) -> None:
    """Every outbox row as if the scheduler had written it at `written_at` and it went out
    then (the rows carry the real clock's time; the schedulers run on a pretend one)."""
    with app.app_context():
        db.session.execute(
            update(OutboxEmail).values(
                status="sent", created_at=written_at, next_attempt_at=written_at, sent_at=written_at
            )
        )
        db.session.commit()


def run(app, scheduler, now: datetime) -> int:
    with app.app_context():
        written = scheduler(now)
        db.session.commit()
        return written


@pytest.fixture
def cohort(app):
    return factories.space(kind="cohort", timezone="Europe/Paris")


def test_a_deleted_reminder_is_not_written_again(app, cohort):
    """Its session started long before the row may go: the scheduler no longer looks at it."""
    from portal.meetings.reminders import schedule_reminders

    starts_at = datetime(2027, 6, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(cohort, starts_at=starts_at)
    member = factories.user()
    factories.membership(cohort, member)
    factories.registration(meeting, member)
    written_at = starts_at - timedelta(hours=24)
    assert run(app, schedule_reminders, written_at) == 1
    age_written_rows(app, written_at)
    later = written_at + timedelta(days=91)
    assert purge(app, later) == 1
    assert run(app, schedule_reminders, later) == 0
    assert keys(app) == set()


def test_a_reminder_further_ahead_than_the_retention_keeps_its_row(app):
    """A space reminding 120 days before: the row stays until its session has started."""
    from portal.meetings.reminders import schedule_reminders

    space = factories.space(kind="cohort", reminder_offsets=[120 * 24 * 60])
    starts_at = datetime(2027, 12, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(space, starts_at=starts_at)
    member = factories.user()
    factories.membership(space, member)
    factories.registration(meeting, member, created_at=starts_at - timedelta(days=200))
    written_at = starts_at - timedelta(days=120)
    assert run(app, schedule_reminders, written_at) == 1
    age_written_rows(app, written_at)
    later = written_at + timedelta(days=91)  # the session is still 29 days ahead
    assert purge(app, later) == 0
    assert run(app, schedule_reminders, later) == 0
    # What the rule protects against: without the row, the reminder would go again.
    with app.app_context():
        db.session.execute(OutboxEmail.__table__.delete())
        db.session.commit()
    assert run(app, schedule_reminders, later) == 1


def test_a_deleted_catch_up_is_not_written_again(app, cohort):
    """Its week of catch-up ended long before the row may go."""
    from portal.meetings.catchups import schedule_catchups

    starts_at = datetime(2027, 6, 10, 17, 0, tzinfo=UTC)
    meeting = factories.meeting(cohort, starts_at=starts_at)
    member = factories.user()
    factories.membership(cohort, member)
    factories.registration(meeting, member, attended=False)
    factories.material(cohort, title="Compte rendu", meeting=meeting)
    written_at = datetime(2027, 6, 11, 6, 0, tzinfo=UTC)
    assert run(app, schedule_catchups, written_at) == 1
    age_written_rows(app, written_at)
    later = written_at + timedelta(days=91)
    assert purge(app, later) == 1
    assert run(app, schedule_catchups, later) == 0
    assert keys(app) == set()


def test_a_deleted_digest_is_not_written_again(app, cohort):
    """A digest's key names its day; the member's next digests name later days."""
    from portal.digests import schedule_digests

    member = factories.user(timezone="Europe/Paris")
    factories.membership(cohort, member)
    monday = datetime(2027, 6, 14, 5, 0, tzinfo=UTC)  # 07:00 in Paris
    factories.meeting(cohort, starts_at=monday + timedelta(days=2))
    run(app, schedule_digests, monday - timedelta(days=5))  # the schedule is made
    assert run(app, schedule_digests, monday) == 1
    [key] = keys(app)
    assert key == f"digest:{member.id}:2027-06-14"
    age_written_rows(app, monday)
    later = monday + timedelta(days=91)
    assert purge(app, later) == 1
    run(app, schedule_digests, later)
    assert key not in keys(app)
