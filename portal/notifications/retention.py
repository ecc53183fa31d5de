"""Outbox retention: rows that are done are deleted after a while, a chunk at a time.

Sent and cancelled rows go after OUTBOX_RETENTION_DAYS (90), failed and bounced ones
after OUTBOX_FAILED_RETENTION_DAYS (180: administrators look into them, and may retry
them, for longer). Rows still pending or being sent are never touched, whatever their
age. The hard-bounce counts (`mail_bounces`) are not outbox rows and stay.

A row's dedupe key is what stops a scheduler from writing the same email twice, so a row
goes only once no scheduler can compute its key again (`rewrite_horizon`):
- a reminder's key names its session's start instant, and it is written at the earliest
  `offset` before that start; the scheduler never looks at a session that has started.
  So its key can come back at most `offset` after the row was written;
- a catch-up is written after its session ended and never once CATCHUP_WINDOW (7 days)
  has passed since the end;
- a digest's key names the local day of the due instant it was written for; the member's
  next due instant is always after the run, so later keys name later days (two days
  cover any change of time zone).
With the default offsets (7 days at most) that is a week: the retention, never shorter
than the horizon whatever the settings, keeps every row long after its key could come back.
Two kinds of keys are looked up again with no end, by actions rather than by the clock,
and their rows are kept (`KEPT_FOREVER`): editing a forum post emails only the members
it newly mentions, and `flask portal charter-announce` emails each signatory once per
charter version.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, not_, or_, select

from portal.core.extensions import db
from portal.notifications.models import OutboxEmail, OutboxStatus

#: Rows deleted per statement (and per transaction): a large backlog never makes one
#: huge transaction, and each statement binds a bounded list of ids.
CHUNK = 1000
#: Dedupe key prefixes whose rows are never deleted (see the module).
KEPT_FOREVER = ("forum-mention:", "charter-resign:")

SENT = OutboxStatus.SENT.value
CANCELLED = OutboxStatus.CANCELLED.value
GAVE_UP = (OutboxStatus.FAILED.value, OutboxStatus.BOUNCED.value)


def rewrite_horizon() -> timedelta:
    """How long after a row was written a scheduler may still compute its dedupe key."""
    from portal.notifications.schedulers import horizons

    # Each scheduler registers its own horizon (notifications.schedulers.register_scheduler).
    return max(horizons(), default=timedelta(0))


def retention_periods() -> tuple[timedelta, timedelta]:
    """(done, gave up): how long sent or cancelled rows, and failed or bounced rows, are
    kept; never shorter than the schedulers' horizon (one query)."""
    horizon = rewrite_horizon()
    config = current_app.config
    done = timedelta(days=config["OUTBOX_RETENTION_DAYS"])
    gave_up = timedelta(days=config["OUTBOX_FAILED_RETENTION_DAYS"])
    return max(done, horizon), max(gave_up, horizon)


def expired(now: datetime):
    """SQL condition on OutboxEmail: the row may be deleted at `now`.

    Each branch bounds `next_attempt_at`, so the (status, next_attempt_at) index finds the
    old rows and a run with nothing to delete reads no table. A row is due before it is
    sent, so `next_attempt_at <= sent_at` and the bound keeps every sent row the rule
    deletes. Cancelled, failed and bounced rows count from their last due attempt: the
    creation unless they were retried (an administrator's retry starts the time again).
    """
    done, gave_up = retention_periods()
    done_before, gave_up_before = now - done, now - gave_up
    sent_at = func.coalesce(OutboxEmail.sent_at, OutboxEmail.created_at)
    return and_(
        or_(
            and_(
                OutboxEmail.status == SENT,
                OutboxEmail.next_attempt_at < done_before,
                sent_at < done_before,
            ),
            and_(OutboxEmail.status == CANCELLED, OutboxEmail.next_attempt_at < done_before),
            and_(OutboxEmail.status.in_(GAVE_UP), OutboxEmail.next_attempt_at < gave_up_before),
        ),
        not_(or_(*(OutboxEmail.dedupe_key.startswith(p) for p in KEPT_FOREVER))),
    )


def purge_outbox(now: datetime) -> int:
    """Delete the outbox rows past their retention, CHUNK at a time, each chunk committed;
    returns how many were deleted (0, after one read, when nothing is old)."""
    condition = expired(now)
    deleted = 0
    while True:
        ids = list(db.session.scalars(select(OutboxEmail.id).where(condition).limit(CHUNK)))
        if not ids:
            break
        # The condition again: a row an administrator retried meanwhile is pending, and stays.
        result = db.session.execute(
            delete(OutboxEmail)
            .where(OutboxEmail.id.in_(ids), condition)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        deleted += result.rowcount or 0
        if len(ids) < CHUNK:
            break
    return deleted
