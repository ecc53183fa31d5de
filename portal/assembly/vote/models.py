"""The vote of an edition: its settings, motions and elections, candidacies, proxies, the
participations (who voted), the ballot box (what was voted), frozen results and minutes.

Secrecy rests on two tables that share nothing but the item: `vote_participations` says
which voice voted and who cast it, `vote_ballots` holds the choices with a random key, no
voter and no time, so neither a column nor the order of keys leads from one to the other.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class VoteSettings(db.Model):
    """The colleges' weights and the quorum of one edition's vote."""

    __tablename__ = "vote_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_editions.id", ondelete="CASCADE"), unique=True
    )
    #: What one organisation's voice weighs.
    organisations_weight: Mapped[int] = mapped_column(default=1, server_default="1")
    #: What the individuals' college weighs in all, counted as that many organisation voices.
    individuals_college_weight: Mapped[int] = mapped_column(default=10, server_default="10")
    #: The share of electorate voices (all colleges) that must vote for a valid vote.
    quorum_percent: Mapped[int] = mapped_column(default=25, server_default="25")


class VoteItem(db.Model):
    """A motion (pour / contre / abstention) or an election to the board (up to `seats`)."""

    __tablename__ = "vote_items"
    __table_args__ = (CheckConstraint("seats >= 1", name="seats_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_editions.id", ondelete="CASCADE"), index=True
    )
    #: "motion" or "election".
    kind: Mapped[str] = mapped_column(String(10))
    #: For motions: "orientations", "report" or "resolution".
    topic: Mapped[str] = mapped_column(String(20), default="resolution")
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, rendered through portal.core.markdown.
    text: Mapped[str] = mapped_column(Text, default="")
    #: Seats to fill (elections); each voter picks up to that many candidates.
    seats: Mapped[int] = mapped_column(default=1, server_default="1")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    candidacies: Mapped[list[Candidacy]] = relationship(
        back_populates="item", order_by="Candidacy.id", cascade="all, delete-orphan"
    )

    @property
    def is_election(self) -> bool:
        """Whether voters pick candidates rather than pour / contre / abstention."""
        return self.kind == "election"


class Candidacy(db.Model):
    """An ally standing for an election, with a statement; admins accept it."""

    __tablename__ = "vote_candidacies"
    __table_args__ = (UniqueConstraint("item_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("vote_items.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The name on the ballot (kept if the account goes).
    name: Mapped[str] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(Text, default="")
    #: "pending", "accepted" or "refused".
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[VoteItem] = relationship(back_populates="candidacies")


class Proxy(db.Model):
    """An organisation gives its voice to another for one edition's vote (pouvoir)."""

    __tablename__ = "vote_proxies"
    __table_args__ = (
        UniqueConstraint("edition_id", "giver_organisation_id"),
        CheckConstraint("giver_organisation_id <> holder_organisation_id", name="not_to_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_editions.id", ondelete="CASCADE"), index=True
    )
    giver_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    holder_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    giver = relationship("Organisation", foreign_keys=[giver_organisation_id])
    holder = relationship("Organisation", foreign_keys=[holder_organisation_id])


class Participation(db.Model):
    """That a voice voted on an item, and who cast it; never what was chosen."""

    __tablename__ = "vote_participations"
    # One ballot per voice: the database refuses a second participation, even at once.
    __table_args__ = (UniqueConstraint("item_id", "voice_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("vote_items.id", ondelete="CASCADE"))
    #: "organisation:<id>" or "person:<user id>", like signatures' keys.
    voice_key: Mapped[str] = mapped_column(String(40))
    #: "organisations" or "individuals".
    college: Mapped[str] = mapped_column(String(16))
    cast_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cast_by = relationship("User")


class Ballot(db.Model):
    """One voice's choices, without voter nor time; its key is random."""

    __tablename__ = "vote_ballots"

    #: A random token: keys do not follow the order of voting.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("vote_items.id", ondelete="CASCADE"), index=True
    )
    college: Mapped[str] = mapped_column(String(16))
    #: "pour", "contre", "abstention", or the chosen candidacies' ids ("3,7"; "" is blank).
    choice: Mapped[str] = mapped_column(String(200))
    #: SHA-256 of the receipt code shown once to the voter.
    receipt_hash: Mapped[str] = mapped_column(String(64), unique=True)


class VoteResult(db.Model):
    """An item's results, computed once when the vote closed and frozen."""

    __tablename__ = "vote_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: One row per item: two readers freezing at once cannot both write.
    item_id: Mapped[int] = mapped_column(
        ForeignKey("vote_items.id", ondelete="CASCADE"), unique=True
    )
    #: {"choices": {choice: {"organisations": n, "individuals": n, "weighted": x}},
    #:  "electorate": {college: n}, "voted": {college: n}, weights, quorum_percent}
    figures: Mapped[dict] = mapped_column(JSON)
    quorum_met: Mapped[bool] = mapped_column(default=False)
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Minutes(db.Model):
    """The procès-verbal of an edition's assembly, written by admins (Markdown)."""

    __tablename__ = "vote_minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_editions.id", ondelete="CASCADE"), unique=True
    )
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
