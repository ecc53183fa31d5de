"""Registering for sessions: seats, the waitlist in arrival order, promotion, attendance.

Capacity must hold when many members register at once. Every change to a
session's registrations first locks the session: on PostgreSQL a row lock
(SELECT ... FOR UPDATE), so concurrent registrations for one session queue up
while other sessions stay free; on SQLite, which has no row locks, a no-op UPDATE
takes the database's single write lock. Either way the count of confirmed seats
and the insert that follows happen in one transaction nobody else can interleave.
The caller commits (which releases the lock).
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings.catchups import withdraw_catchups
from portal.meetings.models import Meeting, Registration, RegistrationStatus
from portal.meetings.notices import notify_promotion
from portal.meetings.reminders import withdraw_reminders

CONFIRMED = RegistrationStatus.CONFIRMED.value
WAITLISTED = RegistrationStatus.WAITLISTED.value
CANCELLED = RegistrationStatus.CANCELLED.value


class RegistrationClosed(Exception):
    """The session was cancelled while the request waited for its lock."""


def lock_meeting(meeting_id: int) -> Meeting | None:
    """Lock session `meeting_id` until the transaction ends and return it, freshly loaded.

    On SQLite, call this before any read in the transaction (see the views): a
    transaction that read first cannot upgrade to writing once another has written.
    """
    if db.engine.dialect.name == "sqlite":
        db.session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id)
            .values(sequence=Meeting.sequence, updated_at=Meeting.updated_at)
            .execution_options(synchronize_session=False)
        )
        return db.session.get(Meeting, meeting_id, populate_existing=True)
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def confirmed_count(meeting_id: int) -> int:
    """Seats taken in session `meeting_id`."""
    return db.session.scalar(
        select(func.count(Registration.id)).where(
            Registration.meeting_id == meeting_id, Registration.status == CONFIRMED
        )
    )


def registration_of(meeting_id: int, user_id: int) -> Registration | None:
    """The registration row of a user for a session, whatever its status."""
    return db.session.scalar(
        select(Registration).where(
            Registration.meeting_id == meeting_id, Registration.user_id == user_id
        )
    )


def register(meeting_id: int, user_id: int) -> Registration:
    """Register user `user_id`: a seat if one is free, else the end of the waitlist.

    Registering again while registered changes nothing; after unregistering, the
    member comes back at the end of the line.
    """
    meeting = lock_meeting(meeting_id)
    if meeting is None or meeting.is_cancelled:
        raise RegistrationClosed(meeting_id)
    registration = registration_of(meeting_id, user_id)
    if registration is not None and registration.is_active:
        return registration
    has_seat = meeting.capacity is None or confirmed_count(meeting_id) < meeting.capacity
    if registration is None:
        registration = Registration(meeting_id=meeting_id, user_id=user_id)
        db.session.add(registration)
    registration.status = CONFIRMED if has_seat else WAITLISTED
    registration.created_at = utcnow()
    registration.promoted_at = None
    db.session.flush()
    return registration


def unregister(meeting_id: int, user_id: int) -> Registration | None:
    """Cancel the registration of user `user_id`; a freed seat goes to the first on the waitlist.

    Returns the cancelled registration, or None if there was nothing to cancel.
    """
    meeting = lock_meeting(meeting_id)
    registration = registration_of(meeting_id, user_id)
    if registration is None or not registration.is_active:
        return None
    had_seat = registration.is_confirmed
    registration.status = CANCELLED
    db.session.flush()
    withdraw_reminders(meeting_id, user_id)
    withdraw_catchups(meeting_id, [user_id])
    if had_seat:
        promote_waitlist(meeting)
    return registration


def promote_waitlist(meeting: Meeting) -> list[Registration]:
    """Give free seats to the waitlist in arrival order and tell each person promoted.

    The caller holds the session's lock. Nobody is promoted once the session has
    started or if it is cancelled.
    """
    if meeting.is_cancelled or meeting.has_started():
        return []
    query = (
        select(Registration)
        .where(Registration.meeting_id == meeting.id, Registration.status == WAITLISTED)
        .order_by(Registration.created_at, Registration.id)
    )
    if meeting.capacity is not None:
        free = meeting.capacity - confirmed_count(meeting.id)
        if free <= 0:
            return []
        query = query.limit(free)
    promoted = list(db.session.scalars(query))
    now = utcnow()
    for registration in promoted:
        registration.status = CONFIRMED
        registration.promoted_at = now
        notify_promotion(meeting, registration.user)
    db.session.flush()
    return promoted


def attendance_sheet(meeting: Meeting) -> list[Registration]:
    """Confirmed registrations of `meeting` in name order, users loaded."""
    return list(
        db.session.scalars(
            select(Registration)
            .join(Registration.user)
            .where(Registration.meeting_id == meeting.id, Registration.status == CONFIRMED)
            .options(joinedload(Registration.user))
            .order_by(User.display_name, Registration.id)
        )
    )


def record_attendance(meeting: Meeting, present_ids: set[int]) -> int:
    """Mark who came among the confirmed registrations (`present_ids`: registration ids).

    A member first marked absent and now present loses the catch-up still waiting in the
    outbox (one already sent cannot be taken back); marked absent again, the scheduler
    writes it again (a withdrawn email frees its key).
    """
    now = utcnow()
    sheet = attendance_sheet(meeting)
    came_after_all = []
    for registration in sheet:
        present = registration.id in present_ids
        if present and registration.attended is False:
            came_after_all.append(registration.user_id)
        registration.attended = present
        registration.attendance_recorded_at = now
    db.session.flush()
    withdraw_catchups(meeting.id, came_after_all)
    return sum(1 for registration in sheet if registration.attended)
