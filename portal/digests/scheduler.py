"""Sending digests on time, touching only the members who are due.

`DigestSchedule` holds each member's next due instant. A run first gives a row to
members who have none (one INSERT … SELECT: default weekly digests need no action
from anyone), then reads the due rows in chunks: for each, it builds the digest of
the period since the last one, writes it to the outbox unless empty, and moves the
row to the next 07:00 local. A chunk is committed and the session cleared before
the next, so memory does not grow with the number of members, and a run that stops
half-way has lost nothing (the rest is still due).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, or_, select

from portal.accounts.models import DigestFrequency, User
from portal.core.extensions import db
from portal.core.permissions import forget_space_roles
from portal.digests.builder import build_digest
from portal.digests.models import DigestSchedule
from portal.digests.timing import PERIODS, frequency_of, local_day, next_due
from portal.notifications.preferences import DEFAULTS, Category
from portal.notifications.services import enqueue_for_user

#: Members handled per transaction.
CHUNK = 200

SUBJECTS = {
    DigestFrequency.DAILY.value: _l("Your daily digest of the alliance"),
    DigestFrequency.WEEKLY.value: _l("Your weekly digest of the alliance"),
}


def digest_key(user_id: int, day) -> str:
    """The dedupe key of a member's digest of one (local) day: one email per period."""
    return f"digest:{user_id}:{day.isoformat()}"


def _wants_digest():
    """SQL condition on User: not deleted, digest not turned off (a missing key means the
    default frequency)."""
    chosen = func.coalesce(User.notification_preferences["digest"].as_string(), DEFAULTS["digest"])
    return User.deleted_at.is_(None) & (chosen != DigestFrequency.NEVER.value)


def ensure_schedules() -> int:
    """Give a (not yet computed) schedule to every member who wants digests and has none."""
    has_one = select(DigestSchedule.user_id).where(DigestSchedule.user_id == User.id).exists()
    missing = select(User.id).where(_wants_digest(), ~has_one)
    result = db.session.execute(insert(DigestSchedule).from_select(["user_id"], missing))
    return result.rowcount or 0


def send_digest(user, schedule: DigestSchedule, now: datetime) -> bool:
    """Build and write the digest of `user` for the period ending now; True if written."""
    frequency = frequency_of(user)
    since = schedule.last_covered_until or schedule.next_due_at - PERIODS[frequency]
    digest = build_digest(user, since, now)
    if digest is None:
        return False
    email = enqueue_for_user(
        user,
        category=Category.DIGEST,
        template="digests/digest",
        subject=SUBJECTS[frequency],
        dedupe_key=digest_key(user.id, local_day(user, schedule.next_due_at)),
        context=dict(digest.context(), name=user.display_name, frequency=frequency),
        now=now,
    )
    return email is not None


def _due_chunk(now: datetime, after_id: int) -> list[tuple[DigestSchedule, User]]:
    """The next due rows after user id `after_id`; on PostgreSQL rows another run holds
    are skipped rather than waited for."""
    query = (
        select(DigestSchedule, User)
        .join(User, DigestSchedule.user_id == User.id)
        .where(
            DigestSchedule.user_id > after_id,
            or_(DigestSchedule.next_due_at.is_(None), DigestSchedule.next_due_at <= now),
        )
        .order_by(DigestSchedule.user_id)
        .limit(CHUNK)
    )
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=DigestSchedule)
    return [tuple(row) for row in db.session.execute(query)]


def process(schedule: DigestSchedule, user, now: datetime) -> bool:
    """Handle one due row; True if a digest was written. The row always moves on (or goes)."""
    if frequency_of(user) not in PERIODS:
        db.session.delete(schedule)
        return False
    written = False
    if schedule.next_due_at is not None:  # NULL: a new row, only its date to compute
        written = send_digest(user, schedule, now)
        schedule.last_covered_until = now
    schedule.next_due_at = next_due(user, now)
    return written


def schedule_digests(now: datetime) -> int:
    """Write the digests due at `now`; returns how many were written. Idempotent."""
    ensure_schedules()
    db.session.commit()
    written = 0
    after_id = 0
    while chunk := _due_chunk(now, after_id):
        for schedule, user in chunk:
            written += process(schedule, user, now)
        after_id = chunk[-1][0].user_id
        db.session.commit()
        db.session.expunge_all()
        forget_space_roles()  # permissions' per-request cache: one chunk's worth
    return written


def reschedule(user, now: datetime | None = None) -> None:
    """Recompute `user`'s next digest after a change of frequency, weekday or time zone.

    The period already covered is kept, so the next digest starts where the last
    one ended; a member who turns digests off loses their row. The caller commits.
    """
    from portal.core.db import utcnow

    now = now or utcnow()
    due = next_due(user, now)
    schedule = db.session.get(DigestSchedule, user.id)
    if due is None:
        if schedule is not None:
            db.session.delete(schedule)
            db.session.flush()
        return
    if schedule is None:
        schedule = DigestSchedule(user_id=user.id)
        db.session.add(schedule)
    schedule.next_due_at = due
    db.session.flush()
