"""Spaces (cohorts and learning communities), their memberships and invitations."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db

#: Reminder offsets of a new space, in minutes before a session: 7 days and 24 hours.
DEFAULT_REMINDER_OFFSETS = [7 * 24 * 60, 24 * 60]


class SpaceKind(enum.StrEnum):
    """A cohort is closed (by invitation, with dates); a community is open to any ally."""

    COHORT = "cohort"
    COMMUNITY = "community"


class SpaceRole(enum.StrEnum):
    """A member's role inside one space."""

    FACILITATOR = "facilitator"
    MEMBER = "member"


class Space(db.Model):
    """Where people work together: a cohort or a learning community."""

    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, rendered through portal.core.markdown.
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(12), index=True)
    #: IANA zone in which facilitators enter session times.
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    #: Cohorts run between these dates; communities have none.
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    #: Cover colour as #rrggbb (chosen from an accessible palette).
    cover_colour: Mapped[str] = mapped_column(String(7), default="#1f6b45")
    #: Stored name of an uploaded cover image under UPLOAD_ROOT/covers, if any.
    cover_image: Mapped[str | None] = mapped_column(String(100))
    #: Content type of the cover image, detected from its bytes (portal.core.uploads).
    cover_image_type: Mapped[str | None] = mapped_column(String(100))
    #: Minutes before each session at which reminders go out; [] means no reminders.
    reminder_offsets: Mapped[list] = mapped_column(
        JSON, default=lambda: list(DEFAULT_REMINDER_OFFSETS)
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Archived spaces are read-only and hidden from listings.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="space", cascade="all, delete-orphan"
    )

    @property
    def is_cohort(self) -> bool:
        """Closed, by invitation."""
        return self.kind == SpaceKind.COHORT.value

    @property
    def is_community(self) -> bool:
        """Open to any confirmed member."""
        return self.kind == SpaceKind.COMMUNITY.value

    @property
    def is_archived(self) -> bool:
        """Read-only and out of listings."""
        return self.archived_at is not None

    @property
    def cover_key(self) -> str:
        """The CSS key of the cover colour (`cover-<key>`); unknown values fall back to green."""
        from portal.spaces.constants import COVER_PALETTE, DEFAULT_COVER

        return COVER_PALETTE.get(self.cover_colour, COVER_PALETTE[DEFAULT_COVER])[0]

    def __repr__(self) -> str:
        return f"<Space {self.slug}>"


class Membership(db.Model):
    """A person's place in a space, with their role there."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("space_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12), default=SpaceRole.MEMBER.value)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: When the person last opened the space page (portal.spaces.visits): what is new
    #: for them on their home is what came after it (after `joined_at` before a first visit).
    last_visited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    space: Mapped[Space] = relationship(back_populates="memberships")
    user = relationship("User")

    @property
    def is_facilitator(self) -> bool:
        """Facilitators schedule sessions, post materials, invite and mark attendance."""
        return self.role == SpaceRole.FACILITATOR.value


class InvitationStatus(enum.StrEnum):
    """Life of an invitation to a cohort."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"


class Invitation(db.Model):
    """An emailed invitation to join a cohort, by signed link valid 14 days."""

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("space_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    #: Lower-cased address the invitation was sent to (indexed: "my invitations", erasure).
    email: Mapped[str] = mapped_column(String(254), index=True)
    status: Mapped[str] = mapped_column(String(10), default=InvitationStatus.PENDING.value)
    #: Raised on each resend, so links of earlier sends stop working.
    send_count: Mapped[int] = mapped_column(default=1)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    space: Mapped[Space] = relationship()
    invited_by = relationship("User", foreign_keys=[invited_by_id])
    accepted_by = relationship("User", foreign_keys=[accepted_by_id])

    @property
    def is_pending(self) -> bool:
        """Sent, neither accepted nor revoked."""
        return self.status == InvitationStatus.PENDING.value

    @property
    def is_accepted(self) -> bool:
        """The invited person joined through it."""
        return self.status == InvitationStatus.ACCEPTED.value

    @property
    def is_revoked(self) -> bool:
        """Withdrawn by a facilitator (or by the account's deletion)."""
        return self.status == InvitationStatus.REVOKED.value
