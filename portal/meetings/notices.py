"""Emails about a session: change and cancellation notices, waitlist promotion.

Each is written to the outbox in the caller's transaction, in the recipient's
language, with the times in the recipient's zone (and the space's when it differs),
through `enqueue_for_user` (category CHANGES): the member's choice, the bounce and
daily-cap guards and the unsubscribe headers apply. The attached invitation is
METHOD:REQUEST with the raised SEQUENCE, or METHOD:CANCEL, so that the member's own
calendar moves or drops the event.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.core.extensions import db
from portal.meetings.ical import invitation_attachment
from portal.meetings.models import ACTIVE_STATUSES, Meeting, Registration
from portal.meetings.times import describe_times
from portal.notifications.preferences import Category
from portal.notifications.services import enqueue_for_user, unique_key


def session_context(meeting: Meeting, user: User) -> dict:
    """What every session email shows: who, what, when (in the reader's zone), where."""
    return {
        "name": user.display_name,
        "meeting_id": meeting.id,
        "title": meeting.title,
        "space_title": meeting.space.title,
        "times": describe_times(meeting, user.timezone or "Europe/Paris", user.locale or "fr"),
        "place": meeting.place,
        "visio_url": meeting.visio_url,
    }


def registered_people(meeting: Meeting) -> list[Registration]:
    """Confirmed and waitlisted registrations of `meeting`, with reachable users loaded."""
    return list(
        db.session.scalars(
            select(Registration)
            .join(Registration.user)
            .where(
                Registration.meeting_id == meeting.id,
                Registration.status.in_(ACTIVE_STATUSES),
                User.deleted_at.is_(None),
            )
            .options(joinedload(Registration.user))
            .order_by(Registration.created_at, Registration.id)
        )
    )


def _notify(meeting: Meeting, user: User, *, template: str, subject, dedupe_key: str, **extra):
    """One CHANGES email about `meeting` to `user`, with the session's invitation attached."""
    return enqueue_for_user(
        user,
        category=Category.CHANGES,
        template=f"meetings/{template}",
        subject=subject,
        dedupe_key=dedupe_key,
        context=dict(session_context(meeting, user), **extra),
        attachments=[invitation_attachment(meeting, user.email)],
    )


def notify_change(meeting: Meeting, changes: list[str]) -> int:
    """Tell everyone registered that the time or place changed, with the updated .ics."""
    count = 0
    for registration in registered_people(meeting):
        user = registration.user
        sent = _notify(
            meeting,
            user,
            template="changed",
            subject=_l("Session changed: %(title)s", title=meeting.title),
            dedupe_key=f"meeting-changed:{meeting.id}:{meeting.sequence}:{user.id}",
            changes=changes,
            waitlisted=registration.is_waitlisted,
        )
        count += sent is not None
    return count


def notify_cancellation(meeting: Meeting) -> int:
    """Tell everyone registered that the session is cancelled (METHOD:CANCEL attached)."""
    count = 0
    for registration in registered_people(meeting):
        user = registration.user
        sent = _notify(
            meeting,
            user,
            template="cancelled",
            subject=_l("Session cancelled: %(title)s", title=meeting.title),
            dedupe_key=f"meeting-cancelled:{meeting.id}:{user.id}",
            message=meeting.cancellation_message,
        )
        count += sent is not None
    return count


def notify_promotion(meeting: Meeting, user: User) -> None:
    """Tell a waitlisted member they now have a seat (each promotion is its own email:
    a member can leave and be promoted again)."""
    _notify(
        meeting,
        user,
        template="promoted",
        subject=_l("You have a seat: %(title)s", title=meeting.title),
        dedupe_key=unique_key(f"meeting-promoted:{meeting.id}:{user.id}"),
    )
