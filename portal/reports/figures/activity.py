"""Activity: dispositifs and spaces active, sessions held, hours, participants, attendance.

Rules (the same in every report):
- a session is held when not cancelled, started in the year and ended before the figures
  are computed; hours are the sum of held sessions' durations;
- a participant of a held session is a person whose presence was recorded, or, where
  attendance was not recorded for them, whose registration is confirmed (a seat taken);
  people are counted once however many sessions they joined;
- the attendance rate is present / recorded over held sessions' registrations whose
  attendance was recorded; None when none was;
- a dispositif is active when its dates overlap the year (no start date: from its
  creation; no end date: still running);
- a space is active when it held a session or received a visible forum post in the year.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, or_, select, union

from portal.core.extensions import db
from portal.forums.models import Post, Thread
from portal.meetings.models import Meeting, Registration, RegistrationStatus
from portal.programmes.models import Programme
from portal.reports.figures.forums import visible_post
from portal.reports.figures.period import Period, count, hours_between, rate
from portal.reports.figures.territories import territories_accompanied

HOURS_DECIMALS = 1


def held(period: Period):
    """SQL: the meeting is a session held in the year."""
    return and_(
        Meeting.cancelled_at.is_(None),
        period.contains(Meeting.starts_at),
        Meeting.ends_at <= period.now,
    )


def took_part():
    """SQL: the registration makes its person a participant of the session."""
    return or_(
        Registration.attended.is_(True),
        and_(
            Registration.attended.is_(None),
            Registration.status == RegistrationStatus.CONFIRMED.value,
        ),
    )


def _programmes_active(period: Period) -> int:
    """Dispositifs whose dates overlap the year."""
    started = or_(
        and_(Programme.starts_on.is_not(None), Programme.starts_on < period.next_first_day),
        and_(Programme.starts_on.is_(None), Programme.created_at < period.end),
    )
    running = or_(Programme.ends_on.is_(None), Programme.ends_on >= period.first_day)
    return count(db.session.scalar(select(func.count(Programme.id)).where(started, running)))


def _spaces_active(period: Period) -> int:
    """Spaces with a held session or a visible forum post in the year."""
    spaces = union(
        select(Meeting.space_id.label("space_id")).where(held(period)),
        select(Thread.space_id.label("space_id"))
        .join(Post, Post.thread_id == Thread.id)
        .where(Thread.space_id.is_not(None), visible_post(), period.contains(Post.created_at)),
    ).subquery()
    return count(db.session.scalar(select(func.count(func.distinct(spaces.c.space_id)))))


def _sessions(period: Period) -> tuple[int, float]:
    """Held sessions and their hours."""
    sessions, hours = db.session.execute(
        select(
            func.count(Meeting.id),
            func.sum(hours_between(Meeting.starts_at, Meeting.ends_at)),
        ).where(held(period))
    ).one()
    return count(sessions), round(float(hours or 0), HOURS_DECIMALS)


def _attendance(period: Period) -> tuple[int, float | None]:
    """Distinct participants of held sessions, and the attendance rate where recorded."""
    participants, present, recorded = db.session.execute(
        select(
            func.count(func.distinct(case((took_part(), Registration.user_id)))),
            func.count(case((Registration.attended.is_(True), 1))),
            func.count(Registration.attended),
        )
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(held(period))
    ).one()
    return count(participants), rate(present, recorded)


def activity_section(period: Period) -> dict:
    """The activity section (five queries)."""
    sessions, hours = _sessions(period)
    participants, attendance_rate = _attendance(period)
    return {
        "totals": {
            "programmes_active": _programmes_active(period),
            "spaces_active": _spaces_active(period),
            "sessions": sessions,
            "hours": hours,
            "participants": participants,
            "attendance_rate": attendance_rate,
            "territories": territories_accompanied(period, held(period), took_part()),
        },
        "breakdowns": {},
    }
