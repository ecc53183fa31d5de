"""Catch-up after a missed session: the materials posted for it and the next session.

A member with a seat who was marked absent (`Registration.attended is False`)
receives it the next morning, at 08:00 in their own zone on the day after the
session ended; when attendance is recorded later, as soon as it is. After
`CATCHUP_WINDOW` it is no longer news and nothing is sent. With nothing to say
yet (no material, no next session) the scheduler waits: materials posted in the
following days still make a catch-up, once (dedupe key `catchup:{meeting}:{user}`).
A member whose absence is corrected (marked present after all) or whose registration
goes loses the catch-up still waiting in the outbox (`withdraw_catchups`); a withdrawn
email gives its key back, so marked absent again, they get it at the next run.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.models import User
from portal.core.extensions import db
from portal.materials import services as material_services
from portal.meetings.ical import absolute_url
from portal.meetings.models import Meeting, Registration, RegistrationStatus
from portal.meetings.notices import session_context
from portal.meetings.times import format_moment, local_moment, zone
from portal.notifications.preferences import Category
from portal.notifications.schedulers import chunks, forget, written_keys
from portal.notifications.services import cancel_pending_keys, enqueue_for_user

#: Catch-ups go out at this local time, the morning after the session.
MORNING = time(8, 0)
#: How long after the session a catch-up is still worth sending.
CATCHUP_WINDOW = timedelta(days=7)
BATCH = 200


def catchup_key(meeting_id: int, user_id: int) -> str:
    """The dedupe key of one catch-up."""
    return f"catchup:{meeting_id}:{user_id}"


def withdraw_catchups(meeting_id: int, user_ids: Iterable[int]) -> int:
    """Cancel the unsent catch-ups of these members of a session (they came after all, or
    are no longer registered); returns how many were withdrawn. One already sent stays sent."""
    return cancel_pending_keys(catchup_key(meeting_id, user_id) for user_id in user_ids)


def morning_after(ends_at: datetime, zone_name: str) -> datetime:
    """08:00 in `zone_name` on the day after `ends_at` (a local date of that zone)."""
    local_day = ends_at.astimezone(zone(zone_name)).date()
    return local_moment(local_day + timedelta(days=1), MORNING, zone_name)


def _absences(now: datetime):
    """Absent members of live sessions that ended within the window, streamed."""
    query = (
        select(Registration, Meeting, User)
        .join(Meeting, Registration.meeting_id == Meeting.id)
        .join(User, Registration.user_id == User.id)
        .where(
            Registration.status == RegistrationStatus.CONFIRMED.value,
            Registration.attended.is_(False),
            Meeting.cancelled_at.is_(None),
            Meeting.ends_at <= now,
            Meeting.ends_at > now - CATCHUP_WINDOW,
            User.deleted_at.is_(None),
        )
        .order_by(Meeting.id, Registration.id)
        .execution_options(yield_per=BATCH)
    )
    return db.session.execute(query)


def next_session(meeting: Meeting, now: datetime) -> Meeting | None:
    """The space's next live session after `now`, if any."""
    return db.session.scalar(
        select(Meeting)
        .where(
            Meeting.space_id == meeting.space_id,
            Meeting.cancelled_at.is_(None),
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )


def catchup_context(meeting: Meeting, user: User, upcoming: Meeting | None) -> dict | None:
    """What the catch-up shows to `user`, or None when there is nothing to tell yet."""
    materials = material_services.materials_for_meeting(meeting, user)
    if not materials and upcoming is None:
        return None
    locale = user.locale or "fr"
    context = session_context(meeting, user)
    context["materials"] = [
        {"title": m.title, "url": absolute_url("materials.show", material_id=m.id)}
        for m in materials
    ]
    context["next_session"] = None
    if upcoming is not None:
        context["next_session"] = {
            "title": upcoming.title,
            "when": format_moment(upcoming.starts_at, user.timezone, locale),
            "url": absolute_url("meetings.show", meeting_id=upcoming.id),
        }
    return context


def schedule_catchups(now: datetime) -> int:
    """Write the catch-ups due at `now`; returns how many were written. Idempotent."""
    written = 0
    upcoming: dict[int, Meeting | None] = {}  # space id -> its next session, once per run
    for batch in chunks(_absences(now), BATCH):
        due = [
            (registration, meeting, user)
            for registration, meeting, user in batch
            if morning_after(meeting.ends_at, user.timezone) <= now
        ]
        done = written_keys(catchup_key(m.id, u.id) for _r, m, u in due)
        for _registration, meeting, user in due:
            if catchup_key(meeting.id, user.id) in done:
                continue
            if meeting.space_id not in upcoming:
                upcoming[meeting.space_id] = next_session(meeting, now)
            context = catchup_context(meeting, user, upcoming[meeting.space_id])
            if context is None:
                continue
            email = enqueue_for_user(
                user,
                category=Category.CATCHUPS,
                template="meetings/catchup",
                subject=_l("Catch up on “%(title)s”", title=meeting.title),
                dedupe_key=catchup_key(meeting.id, user.id),
                context=context,
                now=now,
            )
            written += email is not None
        forget([row[0] for row in batch] + [row[2] for row in batch])
    return written
