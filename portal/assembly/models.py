"""An edition of the Assemblée des alliés and its phases' dates.

The other parts of an edition (contributions, the questionnaire, motions and elections)
have their own modules and tables, each pointing at its edition.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.assembly.constants import Phase
from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db

#: Each phase's (opens, closes) columns; results open at their date and never close.
_WINDOWS = {
    Phase.CONSULTATION.value: ("consultation_opens_at", "consultation_closes_at"),
    Phase.EVALUATION.value: ("evaluation_opens_at", "evaluation_closes_at"),
    Phase.VOTE.value: ("vote_opens_at", "vote_closes_at"),
    Phase.RESULTS.value: ("results_at", None),
}


class AssemblyEdition(db.Model):
    """One year's Assemblée des alliés: its meeting, and the dates of its phases (UTC)."""

    __tablename__ = "assembly_editions"
    __table_args__ = (
        CheckConstraint(
            "consultation_closes_at IS NULL OR consultation_opens_at IS NULL"
            " OR consultation_closes_at > consultation_opens_at",
            name="consultation_window",
        ),
        CheckConstraint(
            "evaluation_closes_at IS NULL OR evaluation_opens_at IS NULL"
            " OR evaluation_closes_at > evaluation_opens_at",
            name="evaluation_window",
        ),
        CheckConstraint(
            "vote_closes_at IS NULL OR vote_opens_at IS NULL OR vote_closes_at > vote_opens_at",
            name="vote_window",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The year in its URL (/assemblee/<year>): one edition a year.
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, rendered through portal.core.markdown.
    description: Mapped[str] = mapped_column(Text, default="")
    #: Where the assembly meets (a town, a venue), and its visio link.
    place: Mapped[str] = mapped_column(String(300), default="")
    visio_url: Mapped[str] = mapped_column(String(2000), default="")
    #: The days of the assembly itself.
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The space whose sessions are the assembly's programme (every ally may join it).
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id", ondelete="SET NULL"))
    consultation_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consultation_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    evaluation_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    evaluation_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    vote_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    vote_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: When the results are published (after the vote closes).
    results_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    space = relationship("Space")

    def window(self, phase: str) -> tuple[datetime | None, datetime | None]:
        """When `phase` opens and closes (None: not set, or never closes)."""
        opens, closes = _WINDOWS[phase]
        return getattr(self, opens), getattr(self, closes) if closes else None

    def is_open(self, phase: str, now: datetime) -> bool:
        """Whether `phase` is open at `now`: opened, and not closed yet."""
        opens_at, closes_at = self.window(phase)
        if opens_at is None or now < opens_at:
            return False
        return phase == Phase.RESULTS.value or (closes_at is not None and now < closes_at)

    def has_closed(self, phase: str, now: datetime) -> bool:
        """Whether `phase` has come and gone (results never close)."""
        _opens_at, closes_at = self.window(phase)
        return closes_at is not None and now >= closes_at

    def open_phases(self, now: datetime) -> list[str]:
        """The phases open at `now`, in their order (they may overlap)."""
        return [phase for phase in _WINDOWS if self.is_open(phase, now)]

    def __repr__(self) -> str:
        return f"<AssemblyEdition {self.year}>"
