"""Figures of a space for its facilitators: attendance rates and CSV exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.core.csv_export import csv_chunks
from portal.core.extensions import db
from portal.meetings.models import Meeting, Registration, RegistrationStatus
from portal.meetings.times import format_moment
from portal.spaces.models import Membership

CONFIRMED = RegistrationStatus.CONFIRMED.value


@dataclass(frozen=True)
class Attendance:
    """Attendance of one past session."""

    meeting: Meeting
    #: Confirmed registrations.
    registered: int
    #: Of which present, among those recorded.
    present: int
    #: Confirmed registrations whose attendance was recorded.
    recorded: int

    @property
    def rate(self) -> float | None:
        """Share present among those recorded (0..1); None until attendance is recorded."""
        return self.present / self.recorded if self.recorded else None


def attendance_of(meetings: list[Meeting]) -> list[Attendance]:
    """Attendance figures of `meetings` (one query)."""
    if not meetings:
        return []
    rows = db.session.execute(
        select(
            Registration.meeting_id,
            func.count(Registration.id),
            func.sum(case((Registration.attended.is_(True), 1), else_=0)),
            func.count(Registration.attendance_recorded_at),
        )
        .where(
            Registration.meeting_id.in_([m.id for m in meetings]), Registration.status == CONFIRMED
        )
        .group_by(Registration.meeting_id)
    )
    figures = {row[0]: (row[1], int(row[2] or 0), row[3]) for row in rows}
    return [Attendance(m, *figures.get(m.id, (0, 0, 0))) for m in meetings]


def members_csv(space) -> Iterator[str]:
    """Members of `space` with their role and how many sessions they registered for and attended."""
    per_member = (
        select(
            Registration.user_id,
            func.count(Registration.id).label("registered"),
            func.sum(case((Registration.attended.is_(True), 1), else_=0)).label("attended"),
        )
        .join(Registration.meeting)
        .where(Meeting.space_id == space.id, Registration.status == CONFIRMED)
        .group_by(Registration.user_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Membership, per_member.c.registered, per_member.c.attended)
        .join(Membership.user)
        .outerjoin(per_member, per_member.c.user_id == Membership.user_id)
        .where(Membership.space_id == space.id)
        .options(joinedload(Membership.user))
        .order_by(User.display_name, Membership.id)
    )
    return csv_chunks(
        ("name", "email", "role", "joined_at", "sessions_registered", "sessions_attended"),
        (
            (
                m.user.public_name,
                "" if m.user.is_deleted else m.user.email,
                m.role,
                m.joined_at.isoformat(),
                registered or 0,
                int(attended or 0),
            )
            for m, registered, attended in rows
        ),
    )


def attendance_csv(space, locale: str) -> Iterator[str]:
    """One row per seat in the space's sessions: who, which session, present or not."""
    rows = db.session.scalars(
        select(Registration)
        .join(Registration.meeting)
        .join(Registration.user)
        .where(Meeting.space_id == space.id, Registration.status == CONFIRMED)
        .options(joinedload(Registration.meeting), joinedload(Registration.user))
        .order_by(Meeting.starts_at, Meeting.id, User.display_name)
    )
    labels = {True: "present", False: "absent", None: "not recorded"}
    return csv_chunks(
        ("session", "starts_at", "starts_local", "name", "email", "attendance"),
        (
            (
                r.meeting.title,
                r.meeting.starts_at.isoformat(),
                format_moment(r.meeting.starts_at, space.timezone, locale, "yyyy-MM-dd HH:mm"),
                r.user.public_name,
                "" if r.user.is_deleted else r.user.email,
                labels[r.attended],
            )
            for r in rows
        ),
    )
