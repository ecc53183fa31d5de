"""Reading sessions: a space's next sessions, a member's agenda and calendar feed.

Each list loads in a fixed number of queries: the space is joined, and the seat
counts come as correlated subqueries in the same statement.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, joinedload, with_expression

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings.models import ACTIVE_STATUSES, Meeting, Registration, RegistrationStatus
from portal.spaces.models import Membership, Space, SpaceRole

#: Past sessions stay in the personal feed this long, then calendars may forget them.
FEED_HISTORY = timedelta(days=180)


def _count(status: str):
    """Correlated count of `status` registrations of the outer Meeting."""
    return (
        select(func.count(Registration.id))
        .where(Registration.meeting_id == Meeting.id, Registration.status == status)
        .correlate(Meeting)
        .scalar_subquery()
    )


def with_counts(query: Select) -> Select:
    """Load `confirmed_count` and `waitlisted_count` with the sessions, and their space."""
    return query.options(
        joinedload(Meeting.space),
        with_expression(Meeting.confirmed_count, _count(RegistrationStatus.CONFIRMED.value)),
        with_expression(Meeting.waitlisted_count, _count(RegistrationStatus.WAITLISTED.value)),
    )


def upcoming_for_space(space, limit: int = 5, now: datetime | None = None) -> list[Meeting]:
    """The next sessions of `space` (cancelled ones included, marked), seat counts loaded."""
    now = now or utcnow()
    query = (
        select(Meeting)
        .where(Meeting.space_id == space.id, Meeting.ends_at > now)
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(limit)
    )
    return list(db.session.scalars(with_counts(query)))


def past_for_space(space, limit: int = 12, now: datetime | None = None) -> list[Meeting]:
    """The latest past sessions of `space` that took place, newest first."""
    now = now or utcnow()
    query = (
        select(Meeting)
        .where(Meeting.space_id == space.id, Meeting.ends_at <= now, Meeting.cancelled_at.is_(None))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(with_counts(query)))


def _member_spaces(user_id: int):
    """Subquery of the ids of the spaces `user_id` belongs to."""
    return select(Membership.space_id).where(Membership.user_id == user_id)


def agenda_upcoming_query(user_id: int, now: datetime | None = None) -> Select:
    """Sessions to come in every live space of the member, registered or not, soonest first."""
    now = now or utcnow()
    query = (
        select(Meeting)
        .join(Meeting.space)
        .where(
            Meeting.space_id.in_(_member_spaces(user_id)),
            Space.archived_at.is_(None),
            Meeting.ends_at > now,
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return with_counts(query)


def agenda_history_query(user_id: int, now: datetime | None = None) -> Select:
    """The member's confirmed registrations of sessions now over, newest first."""
    now = now or utcnow()
    return (
        select(Registration)
        .join(Registration.meeting)
        .where(
            Registration.user_id == user_id,
            Registration.status == RegistrationStatus.CONFIRMED.value,
            Meeting.ends_at <= now,
            Meeting.cancelled_at.is_(None),
        )
        .options(joinedload(Registration.meeting).joinedload(Meeting.space))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )


def registrations_by_meeting(user_id: int, meeting_ids: list[int]) -> dict[int, Registration]:
    """The member's registrations among `meeting_ids`, by session id (one query)."""
    if not meeting_ids:
        return {}
    rows = db.session.scalars(
        select(Registration).where(
            Registration.user_id == user_id, Registration.meeting_id.in_(meeting_ids)
        )
    )
    return {row.meeting_id: row for row in rows}


def member_space_ids(user_id: int) -> set[int]:
    """Ids of the spaces the member belongs to (one query)."""
    return set(db.session.scalars(_member_spaces(user_id)))


def registrations_for_user(
    user_id: int,
    *,
    statuses=ACTIVE_STATUSES,
    upcoming_only: bool = False,
    now: datetime | None = None,
) -> list[Registration]:
    """A member's registrations (confirmed and waitlisted by default), sessions and spaces loaded.

    For other domains: the email engine reads it for reminders, the profile for a summary.
    """
    query = (
        select(Registration)
        .join(Registration.meeting)
        .where(Registration.user_id == user_id, Registration.status.in_(tuple(statuses)))
        .options(joinedload(Registration.meeting).joinedload(Meeting.space))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    if upcoming_only:
        query = query.where(Meeting.ends_at > (now or utcnow()))
    return list(db.session.scalars(query))


def feed_meetings(user_id: int, now: datetime | None = None) -> list[Meeting]:
    """Sessions of the personal feed: confirmed seats, in spaces the member still belongs to.

    Leaving a cohort removes its sessions from the feed, so a private space never
    leaks through a calendar subscription.
    """
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(Meeting)
            .join(Registration, Registration.meeting_id == Meeting.id)
            .where(
                Registration.user_id == user_id,
                Registration.status == RegistrationStatus.CONFIRMED.value,
                Meeting.space_id.in_(_member_spaces(user_id)),
                Meeting.ends_at > now - FEED_HISTORY,
            )
            .options(joinedload(Meeting.space))
            .order_by(Meeting.starts_at, Meeting.id)
        )
    )


# --- for the member's home (portal.site.home) ------------------------------------------

#: The video-conference link is offered on the home from this long before a session
#: until its end (the session page always shows it).
VISIO_LEAD_TIME = timedelta(hours=1)
#: Past sessions whose attendance a facilitator is asked to record: those of this period.
ATTENDANCE_WINDOW = timedelta(days=30)


def visio_is_near(meeting: Meeting, now: datetime | None = None) -> bool:
    """Whether the home offers the session's video link now: it has one, is not cancelled,
    starts within VISIO_LEAD_TIME and has not ended."""
    now = now or utcnow()
    return (
        bool(meeting.visio_url)
        and not meeting.is_cancelled
        and meeting.starts_at - VISIO_LEAD_TIME <= now < meeting.ends_at
    )


def next_sessions(
    user_id: int, limit: int = 5, now: datetime | None = None
) -> list[tuple[Meeting, Registration | None]]:
    """The member's next sessions across their live spaces, soonest first, each with their
    own registration or None (two queries, as the agenda)."""
    meetings = list(db.session.scalars(agenda_upcoming_query(user_id, now).limit(limit)))
    mine = registrations_by_meeting(user_id, [m.id for m in meetings])
    return [(meeting, mine.get(meeting.id)) for meeting in meetings]


def new_sessions_per_space(user_id: int, since, now: datetime | None = None) -> dict[int, int]:
    """space id -> sessions to come that others scheduled in the member's spaces after
    `since` (an SQL expression over the joined Membership, e.g. spaces.visits.last_visit());
    one query whatever the number of spaces."""
    rows = db.session.execute(
        select(Meeting.space_id, func.count(Meeting.id))
        .join(Membership, Membership.space_id == Meeting.space_id)
        .where(
            Membership.user_id == user_id,
            Meeting.created_at > since,
            Meeting.ends_at > (now or utcnow()),
            Meeting.cancelled_at.is_(None),
            (Meeting.created_by_id.is_(None)) | (Meeting.created_by_id != user_id),
        )
        .group_by(Meeting.space_id)
    )
    return {space_id: count for space_id, count in rows}


def attendance_to_record(user_id: int, limit: int = 5, now: datetime | None = None) -> list:
    """Sessions of the spaces the member facilitates, over within ATTENDANCE_WINDOW, where
    someone had a seat and nobody recorded their attendance yet; latest first (one query)."""
    now = now or utcnow()
    unrecorded = (
        select(Registration.id)
        .where(
            Registration.meeting_id == Meeting.id,
            Registration.status == RegistrationStatus.CONFIRMED.value,
            Registration.attendance_recorded_at.is_(None),
        )
        .exists()
    )
    facilitated = select(Membership.space_id).where(
        Membership.user_id == user_id, Membership.role == SpaceRole.FACILITATOR.value
    )
    return list(
        db.session.scalars(
            select(Meeting)
            .join(Meeting.space)
            .options(contains_eager(Meeting.space))
            .where(
                Meeting.space_id.in_(facilitated),
                Space.archived_at.is_(None),
                Meeting.cancelled_at.is_(None),
                Meeting.ends_at <= now,
                Meeting.ends_at > now - ATTENDANCE_WINDOW,
                unrecorded,
            )
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(limit)
        )
    )
