"""What the meetings domain holds about a person: registrations (export and erasure)."""

from __future__ import annotations

from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion
from portal.meetings import registrations
from portal.meetings.models import ACTIVE_STATUSES, Meeting, Registration
from portal.meetings.queries import registrations_for_user


def _iso(value) -> str | None:
    """An ISO 8601 timestamp, or None."""
    return value.isoformat() if value else None


@exporter("registrations")
def export_registrations(user) -> list[dict]:
    """Every session you registered for, your status and attendance."""
    return [
        {
            "session": r.meeting.title,
            "space": r.meeting.space.title,
            "starts_at": _iso(r.meeting.starts_at),
            "ends_at": _iso(r.meeting.ends_at),
            "status": r.status,
            "registered_at": _iso(r.created_at),
            "promoted_at": _iso(r.promoted_at),
            "attended": r.attended,
        }
        for r in registrations_for_user(user.id, statuses=(*ACTIVE_STATUSES, "cancelled"))
    ]


@on_account_deletion
def cancel_registrations(user) -> None:
    """Free the seats of a deleted account in sessions to come, promoting the waitlist.

    Registrations of past sessions stay, attached to the anonymised account, so a
    space's attendance figures do not change when someone leaves the portal.
    """
    meeting_ids = list(
        db.session.scalars(
            select(Registration.meeting_id)
            .join(Registration.meeting)
            .where(
                Registration.user_id == user.id,
                Registration.status.in_(ACTIVE_STATUSES),
                Meeting.ends_at > utcnow(),
            )
            .order_by(Registration.meeting_id)  # a fixed lock order: no deadlock between erasures
        )
    )
    for meeting_id in meeting_ids:
        registrations.unregister(meeting_id, user.id)
