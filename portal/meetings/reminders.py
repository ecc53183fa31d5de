"""Reminders before a session, to everyone with a seat, at the offsets of its space.

A space lists its offsets in minutes (`Space.reminder_offsets`, 7 days and 24 hours
by default, [] for none). The rule, for a confirmed registration at `now`:

- the offsets whose moment (`starts_at - offset`) has come are due; only the most
  recent of them is sent, so a scheduler that was stopped for a while does not
  send a burst of stale reminders;
- a due offset whose moment passed before the member registered (or got their seat)
  is skipped while a later reminder is still to come: who registers three days
  before gets the 24-hour reminder, not a late 7-day one. The last reminder of the
  list is always sent, so registering an hour before still brings the invitation.

The dedupe key names the session, the member, the offset and the start instant: a
session that moves gets fresh reminders, and `withdraw_reminders` cancels the
pending ones of the old time (or of a member who unregistered); a withdrawn reminder
gives its key back, so a session moved back to its first time, or a member who
registers again, gets reminders again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_timedelta
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select

from portal.accounts.models import User
from portal.core.extensions import db
from portal.meetings.ical import invitation_attachment
from portal.meetings.models import Meeting, Registration, RegistrationStatus
from portal.meetings.notices import session_context
from portal.meetings.times import format_moment
from portal.notifications.preferences import Category
from portal.notifications.schedulers import chunks, forget, written_keys
from portal.notifications.services import cancel_pending, enqueue_for_user
from portal.spaces.models import Membership, Space, SpaceKind

#: Rows read from the database at a time (and checked against the outbox at once).
BATCH = 500


def reminder_key(meeting_id: int, user_id: int, offset: int, starts_at: datetime) -> str:
    """The dedupe key of one reminder."""
    return f"reminder:{meeting_id}:{user_id}:{offset}:{int(starts_at.timestamp())}"


def withdraw_reminders(meeting_id: int, user_id: int | None = None) -> int:
    """Cancel the unsent reminders of a session (moved or cancelled), or of one member
    of it (unregistered); returns how many were withdrawn."""
    prefix = f"reminder:{meeting_id}:" + (f"{user_id}:" if user_id is not None else "")
    return cancel_pending(prefix)


def offset_to_send(
    offsets: list[int], starts_at: datetime, registered_at: datetime | None, now: datetime
) -> int | None:
    """The offset (minutes) whose reminder is due at `now`, or None (see the module's rule)."""
    if now >= starts_at:
        return None
    valid = sorted({int(o) for o in offsets or [] if int(o) > 0})
    due = [o for o in valid if starts_at - timedelta(minutes=o) <= now]
    if not due:
        return None
    offset = due[0]  # the most recent moment that has come
    moment = starts_at - timedelta(minutes=offset)
    if registered_at is not None and registered_at > moment and offset != valid[0]:
        return None  # they registered after it; the next reminder will reach them
    return offset


def longest_offset() -> int:
    """The largest offset of any space, in minutes: how far ahead to look (one query)."""
    largest = 0
    for offsets in db.session.scalars(select(Space.reminder_offsets)):
        for offset in offsets or []:
            largest = max(largest, int(offset))
    return largest


def _candidates(now: datetime, horizon: timedelta):
    """Confirmed seats of live sessions starting within `horizon`, streamed, with the
    session, its space and the member loaded in the same rows."""
    may_see = or_(
        Space.kind == SpaceKind.COMMUNITY.value,
        exists().where(
            Membership.space_id == Meeting.space_id, Membership.user_id == Registration.user_id
        ),
    )
    query = (
        select(Registration, Meeting, Space, User)
        .join(Meeting, Registration.meeting_id == Meeting.id)
        .join(Space, Meeting.space_id == Space.id)
        .join(User, Registration.user_id == User.id)
        .where(
            Registration.status == RegistrationStatus.CONFIRMED.value,
            Meeting.cancelled_at.is_(None),
            Meeting.starts_at > now,
            Meeting.starts_at <= now + horizon,
            Space.archived_at.is_(None),
            User.deleted_at.is_(None),
            may_see,
        )
        .order_by(Meeting.starts_at, Meeting.id, Registration.id)
        .execution_options(yield_per=BATCH)
    )
    return db.session.execute(query)


def send_reminder(meeting: Meeting, user: User, offset: int, now: datetime):
    """Write one reminder to the outbox (None when the member does not want it)."""
    locale = user.locale or "fr"
    context = session_context(meeting, user)
    context["starts_in"] = format_timedelta(
        meeting.starts_at - now, threshold=1.5, add_direction=True, locale=locale
    )
    when = format_moment(meeting.starts_at, user.timezone, locale)
    return enqueue_for_user(
        user,
        category=Category.REMINDERS,
        template="meetings/reminder",
        subject=_l("Reminder: %(title)s, %(when)s", title=meeting.title, when=when),
        dedupe_key=reminder_key(meeting.id, user.id, offset, meeting.starts_at),
        context=context,
        attachments=[invitation_attachment(meeting, user.email)],
        now=now,
    )


def schedule_reminders(now: datetime) -> int:
    """Write the reminders due at `now`; returns how many were written. Idempotent."""
    horizon = timedelta(minutes=longest_offset())
    if not horizon:
        return 0
    written = 0
    for batch in chunks(_candidates(now, horizon), BATCH):
        due = []
        for registration, meeting, space, user in batch:
            registered_at = registration.promoted_at or registration.created_at
            offset = offset_to_send(space.reminder_offsets, meeting.starts_at, registered_at, now)
            if offset is not None:
                key = reminder_key(meeting.id, user.id, offset, meeting.starts_at)
                due.append((key, meeting, user, offset))
        done = written_keys(key for key, *_rest in due)
        for key, meeting, user, offset in due:
            if key not in done:
                written += send_reminder(meeting, user, offset, now) is not None
        forget([row[0] for row in batch] + [row[3] for row in batch])
    return written
