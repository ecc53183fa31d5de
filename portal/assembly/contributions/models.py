"""Contributions to an edition's draft orientations, their themes and their supports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.assembly.contributions.constants import MERGED, OPEN, STATES
from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.experiences.constants import FUNDAMENTALS

contribution_themes = Table(
    "assembly_contribution_themes",
    db.metadata,
    Column(
        "contribution_id",
        ForeignKey("assembly_contributions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Contribution(db.Model):
    """An ally's contribution to the draft orientations of one edition."""

    __tablename__ = "assembly_contributions"
    __table_args__ = (
        CheckConstraint(
            "fundamental IN ('engagement', 'systemic', 'cooperation', 'value')",
            name="known_fundamental",
        ),
        CheckConstraint(
            "state IN ('open', 'retained', 'merged', 'not_retained')", name="known_state"
        ),
        # Only a merged contribution names a target (deleting the target leaves it unnamed).
        CheckConstraint(
            "merged_into_id IS NULL OR state = 'merged'", name="only_merged_has_target"
        ),
        Index("ix_assembly_contributions_edition_created", "edition_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("assembly_editions.id", ondelete="CASCADE"))
    #: Who wrote it; kept (shown as "Former member") when the account is deleted.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: The organisation it was written on behalf of (the author signed for it), or None.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, and its HTML through portal.core.markdown's sanitizer.
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    #: A key of portal.experiences.constants.FUNDAMENTALS.
    fundamental: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(12), default=OPEN, index=True)
    #: Why it was not retained, or the administrators' word on retaining or merging it.
    answer: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("assembly_contributions.id", ondelete="SET NULL")
    )
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Its comments: a forum thread with no space (portal.forums), opened with it.
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    edition = relationship("AssemblyEdition")
    author = relationship("User", foreign_keys=[author_id])
    organisation = relationship("Organisation")
    merged_into = relationship("Contribution", remote_side=[id])
    thread = relationship("Thread")
    themes = relationship("Theme", secondary=contribution_themes, order_by="Theme.position")

    @property
    def fundamental_label(self):
        """The translated label of its fundamental."""
        return FUNDAMENTALS.get(self.fundamental, self.fundamental)

    @property
    def state_label(self):
        """Its answer (or none yet), in a few words."""
        return STATES.get(self.state, self.state)

    @property
    def is_answered(self) -> bool:
        """Administrators answered it."""
        return self.state != OPEN

    @property
    def is_merged(self) -> bool:
        """Merged into another contribution (its supports went there)."""
        return self.state == MERGED

    @property
    def author_name(self) -> str:
        """The author's public name ("Former member" once deleted)."""
        return self.author.public_name if self.author else ""

    def __repr__(self) -> str:
        return f"<Contribution {self.id} {self.state}>"


class ContributionSupport(db.Model):
    """A person supports a contribution: one support per person and contribution."""

    __tablename__ = "assembly_contribution_supports"
    __table_args__ = (UniqueConstraint("contribution_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_contributions.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
