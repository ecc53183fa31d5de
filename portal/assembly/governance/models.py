"""The governance page's content: the association's purpose, its board, its documents."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class BoardRole(enum.StrEnum):
    """A seat on the association's board."""

    PRESIDENT = "president"
    TREASURER = "treasurer"
    SECRETARY = "secretary"
    MEMBER = "member"


BOARD_ROLES = {
    BoardRole.PRESIDENT.value: _l("President"),
    BoardRole.TREASURER.value: _l("Treasurer"),
    BoardRole.SECRETARY.value: _l("Secretary"),
    BoardRole.MEMBER.value: _l("Board member"),
}


class DocumentKind(enum.StrEnum):
    """What a governance document is."""

    STATUTES = "statutes"
    RULES = "rules"
    REPORT = "report"
    MINUTES = "minutes"
    ORIENTATIONS = "orientations"


DOCUMENT_KINDS = {
    DocumentKind.STATUTES.value: _l("Statutes"),
    DocumentKind.RULES.value: _l("Internal rules"),
    DocumentKind.REPORT.value: _l("Yearly report"),
    DocumentKind.MINUTES.value: _l("Minutes"),
    DocumentKind.ORIENTATIONS.value: _l("Draft orientations"),
}


class GovernanceText(db.Model):
    """The association's purpose and how it works (one row, Markdown, edited by admins)."""

    __tablename__ = "governance_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Markdown, rendered through portal.core.markdown.
    purpose: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class BoardMember(db.Model):
    """A person on the association's board, for a term."""

    __tablename__ = "board_members"
    __table_args__ = (
        CheckConstraint("role IN ('president', 'treasurer', 'secretary', 'member')", name="role"),
        CheckConstraint("term_ends_on IS NULL OR term_ends_on >= term_starts_on", name="term"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: A key of BOARD_ROLES.
    role: Mapped[str] = mapped_column(String(20), default=BoardRole.MEMBER.value)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    term_starts_on: Mapped[date] = mapped_column()
    #: None: the term's end is not set.
    term_ends_on: Mapped[date | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation = relationship("Organisation")

    @property
    def role_label(self) -> str:
        """The translated role."""
        return str(BOARD_ROLES.get(self.role, self.role))


class GovernanceDocument(db.Model):
    """A public material shown on the governance page (and its edition's page, if any)."""

    __tablename__ = "governance_documents"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('statutes', 'rules', 'report', 'minutes', 'orientations')", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(
        ForeignKey("materials.id", ondelete="CASCADE"), unique=True
    )
    #: A key of DOCUMENT_KINDS.
    kind: Mapped[str] = mapped_column(String(20))
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("assembly_editions.id", ondelete="SET NULL"), index=True
    )
    #: Order on the page (smallest first).
    position: Mapped[int] = mapped_column(default=0)

    material = relationship("Material")
    edition = relationship("AssemblyEdition")

    @property
    def kind_label(self) -> str:
        """The translated kind."""
        return str(DOCUMENT_KINDS.get(self.kind, self.kind))
