"""Sessions of a space (`Meeting`, shown as "séance") and registrations to them."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class RegistrationStatus(enum.StrEnum):
    """Where a member stands for one session."""

    CONFIRMED = "confirmed"  #: has a seat
    WAITLISTED = "waitlisted"  #: waits for a seat, in arrival order
    CANCELLED = "cancelled"  #: unregistered (the row is kept, and reused on re-registration)


#: Statuses of people who count as registered (they receive change notices).
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED.value, RegistrationStatus.WAITLISTED.value)


class Meeting(db.Model):
    """A scheduled session of a space: times in UTC, entered in the space's zone."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity >= 1", name="capacity_positive"),
        Index("ix_meetings_space_starts", "space_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, rendered through portal.core.markdown.
    description: Mapped[str] = mapped_column(Text, default="")
    #: Aware UTC; shown in the viewer's zone and the space's.
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: Where it happens in person ("" if online only).
    place: Mapped[str] = mapped_column(String(300), default="")
    #: Video-conference link, http or https only ("" if in person only).
    visio_url: Mapped[str] = mapped_column(String(500), default="")
    #: Seats; None means no limit (nobody is waitlisted).
    capacity: Mapped[int | None] = mapped_column()
    #: Registration closes at this moment (and in any case at the start).
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The facilitator's word to registrants when cancelling, shown on the page.
    cancellation_message: Mapped[str] = mapped_column(Text, default="")
    #: iCalendar SEQUENCE: raised on each change, so calendars replace their copy.
    sequence: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    space = relationship("Space")
    created_by = relationship("User", foreign_keys=[created_by_id])
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )

    #: Confirmed registrations, loaded by list queries with `with_expression` (else None).
    confirmed_count: Mapped[int | None] = query_expression()
    #: Waitlisted registrations, loaded like `confirmed_count`.
    waitlisted_count: Mapped[int | None] = query_expression()

    @property
    def is_cancelled(self) -> bool:
        """Cancelled sessions stay visible, marked as such."""
        return self.cancelled_at is not None

    def has_started(self, now: datetime | None = None) -> bool:
        """Whether the session has begun."""
        return self.starts_at <= (now or utcnow())

    def has_ended(self, now: datetime | None = None) -> bool:
        """Whether the session is over."""
        return self.ends_at <= (now or utcnow())

    def registration_closes_at(self) -> datetime:
        """The deadline if there is one, else the start."""
        if self.registration_deadline and self.registration_deadline < self.starts_at:
            return self.registration_deadline
        return self.starts_at

    def is_registration_open(self, now: datetime | None = None) -> bool:
        """Open until the deadline (or the start), unless cancelled."""
        return not self.is_cancelled and (now or utcnow()) < self.registration_closes_at()

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.title!r}>"


class Registration(db.Model):
    """One member's place for one session: confirmed, waitlisted or cancelled."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        # The waitlist is read in arrival order per session and status.
        Index("ix_registrations_meeting_status", "meeting_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=RegistrationStatus.CONFIRMED.value)
    #: Arrival order for the waitlist; reset when a cancelled registration is renewed.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: When a waitlisted registration got a seat.
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Recorded by a facilitator after the session; None until then.
    attended: Mapped[bool | None] = mapped_column()
    attendance_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship(back_populates="registrations")
    user = relationship("User")

    @property
    def is_confirmed(self) -> bool:
        """Has a seat."""
        return self.status == RegistrationStatus.CONFIRMED.value

    @property
    def is_waitlisted(self) -> bool:
        """Waits for a seat."""
        return self.status == RegistrationStatus.WAITLISTED.value

    @property
    def is_active(self) -> bool:
        """Confirmed or waitlisted."""
        return self.status in ACTIVE_STATUSES
