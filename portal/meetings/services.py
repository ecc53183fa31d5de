"""Scheduling sessions: create, edit (with change notices), cancel."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings.models import Meeting
from portal.meetings.notices import notify_cancellation, notify_change
from portal.meetings.registrations import lock_meeting, promote_waitlist
from portal.meetings.reminders import withdraw_reminders

#: Changes registrants are told about by email (what makes them move or reconnect).
NOTIFIED_FIELDS = ("starts_at", "ends_at", "place", "visio_url")


@dataclass(frozen=True)
class MeetingDetails:
    """What a facilitator enters; times already converted to aware UTC."""

    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    place: str = ""
    visio_url: str = ""
    capacity: int | None = None
    registration_deadline: datetime | None = None


def create_meeting(space, details: MeetingDetails, created_by) -> Meeting:
    """Schedule a session in `space`."""
    meeting = Meeting(
        space_id=space.id,
        created_by_id=created_by.id if created_by else None,
        sequence=0,
        **{f.name: getattr(details, f.name) for f in fields(details)},
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting


def update_meeting(meeting_id: int, details: MeetingDetails) -> list[str]:
    """Apply `details`; returns the names of the fields that changed.

    Any change raises the iCalendar SEQUENCE; a new time or place emails everyone
    registered with the updated .ics; more seats promote the waitlist. Fewer seats
    than people confirmed take nobody's seat away: the waitlist just waits longer.
    """
    meeting = lock_meeting(meeting_id)
    if meeting.is_cancelled:  # cancelled while this edit waited for the lock
        return []
    old_capacity = meeting.capacity
    changed = [
        f.name for f in fields(details) if getattr(meeting, f.name) != getattr(details, f.name)
    ]
    if not changed:
        return []
    for name in changed:
        setattr(meeting, name, getattr(details, name))
    meeting.sequence += 1
    meeting.updated_at = utcnow()
    db.session.flush()
    if "starts_at" in changed:  # none is sent for the old time; the scheduler writes new ones
        withdraw_reminders(meeting.id)
    notified = [name for name in changed if name in NOTIFIED_FIELDS]
    if notified and not meeting.has_ended():
        notify_change(meeting, notified)
    if "capacity" in changed and (
        meeting.capacity is None or (old_capacity is not None and meeting.capacity > old_capacity)
    ):
        promote_waitlist(meeting)
    return changed


def cancel_meeting(meeting_id: int, message: str = "") -> Meeting:
    """Cancel a session and tell everyone registered (METHOD:CANCEL attached)."""
    meeting = lock_meeting(meeting_id)
    if meeting.is_cancelled:
        return meeting
    meeting.cancelled_at = utcnow()
    meeting.cancellation_message = message.strip()
    meeting.sequence += 1
    meeting.updated_at = meeting.cancelled_at
    db.session.flush()
    withdraw_reminders(meeting.id)
    notify_cancellation(meeting)
    return meeting
