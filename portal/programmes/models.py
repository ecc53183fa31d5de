"""Dispositifs (programmes), their editions, the alliance's milestones, and proposals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.programmes.constants import OPEN_PROPOSAL_STATES, PROGRAMME_KINDS


class Programme(db.Model):
    """A dispositif of the alliance: a journey, a community, an accompaniment..."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Part of the URL; never changes once made, so shared links keep working.
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    #: One or two sentences, shown on the cards.
    summary: Mapped[str] = mapped_column(String(500), default="")
    #: Markdown, rendered through portal.core.markdown.
    description: Mapped[str] = mapped_column(Text, default="")
    #: A key of constants.PROGRAMME_KINDS.
    kind: Mapped[str] = mapped_column(String(24), index=True)
    #: Organisation kinds it is for (keys of alliance.constants.ORGANISATION_KINDS).
    audience_kinds: Mapped[list] = mapped_column(JSON, default=list)
    #: A key of constants.TERRITORY_SCALES, or "" when unsaid.
    territory_scale: Mapped[str] = mapped_column(String(20), default="")
    #: Regions it runs in (keys of alliance.constants.REGIONS); [] means nationwide.
    regions: Mapped[list] = mapped_column(JSON, default=list)
    format: Mapped[str] = mapped_column(String(300), default="")
    duration: Mapped[str] = mapped_column(String(300), default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_url: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    editions: Mapped[list[ProgrammeEdition]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="(ProgrammeEdition.position, ProgrammeEdition.id)",
    )

    @property
    def kind_label(self) -> str:
        """The kind, translated."""
        return str(PROGRAMME_KINDS.get(self.kind, self.kind))

    def __repr__(self) -> str:
        return f"<Programme {self.slug}>"


class ProgrammeEdition(db.Model):
    """A space that runs a programme: one edition of a journey, or a community's space."""

    __tablename__ = "programme_editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    #: A space runs one programme at most.
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), unique=True)
    #: "Territoires pilotes 2027"; the space's title when empty.
    label: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)

    programme: Mapped[Programme] = relationship(back_populates="editions")
    space = relationship("Space")

    @property
    def name(self) -> str:
        """The label, or the space's title."""
        return self.label or self.space.title


class Milestone(db.Model):
    """A date in the alliance's history, shown on the timeline."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    happened_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ProgrammeProposal(db.Model):
    """An ally's proposal of a new dispositif, reviewed by the administrators."""

    __tablename__ = "programme_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    #: What it is for.
    purpose: Mapped[str] = mapped_column(Text, default="")
    #: Who it is for.
    audience: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(Text, default="")
    #: Who would run it.
    runners: Mapped[str] = mapped_column(Text, default="")
    #: A key of constants.PROPOSAL_STATES.
    state: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    #: Why it was declined, as told to the proposer.
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    #: The programme it was published as.
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    proposer = relationship("User", foreign_keys=[proposer_id])
    programme: Mapped[Programme | None] = relationship()
    messages: Mapped[list[ProposalMessage]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        order_by="(ProposalMessage.created_at, ProposalMessage.id)",
    )

    @property
    def is_open(self) -> bool:
        """Still waiting for a decision (maybe for the proposer's answer first)."""
        return self.state in OPEN_PROPOSAL_STATES


class ProposalMessage(db.Model):
    """One message of the exchange about a proposal: a question or an answer."""

    __tablename__ = "proposal_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("programme_proposals.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    proposal: Mapped[ProgrammeProposal] = relationship(back_populates="messages")
    author = relationship("User")
