"""The yearly report (its live draft) and its published versions (frozen snapshots)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class Report(db.Model):
    """The bilan of a calendar year as administrators write it: the draft of its next version."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The calendar year the figures count; part of the URL.
    year: Mapped[int] = mapped_column(unique=True)
    #: Markdown, rendered through portal.core.markdown.
    introduction: Mapped[str] = mapped_column(Text, default="")
    highlights: Mapped[str] = mapped_column(Text, default="")
    outlook: Mapped[str] = mapped_column(Text, default="")
    #: The section keys shown (of the figures contract), in the report's order.
    sections: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    versions: Mapped[list[ReportVersion]] = relationship(
        back_populates="report",
        cascade="all, delete-orphan",
        order_by="ReportVersion.number",
    )

    def __repr__(self) -> str:
        return f"<Report {self.year}>"


class ReportVersion(db.Model):
    """A published version: the figures and texts as they were when published, never changed."""

    __tablename__ = "report_versions"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: No index of its own: the unique (report_id, number) constraint serves lookups.
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    #: 1 for the first publication, then one more for each correction.
    number: Mapped[int] = mapped_column()
    #: The figures contract's dict (portal.reports.figures), restricted to the sections shown.
    figures: Mapped[dict] = mapped_column(JSON)
    introduction: Mapped[str] = mapped_column(Text, default="")
    highlights: Mapped[str] = mapped_column(Text, default="")
    outlook: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[list] = mapped_column(JSON, default=list)
    #: What a correction changed (empty for the first version).
    note: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The stored PDF's key in portal.core.storage, once generated (generated once, kept).
    pdf_key: Mapped[str | None] = mapped_column(String(300))
    pdf_generated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    report: Mapped[Report] = relationship(back_populates="versions")
    published_by = relationship("User")

    def __repr__(self) -> str:
        return f"<ReportVersion {self.report_id} #{self.number}>"
