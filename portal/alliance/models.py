"""Organisations and charter signatures."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db

if TYPE_CHECKING:
    from portal.accounts.models import User


class Organisation(db.Model):
    """A member organisation of the alliance (or one that asked to be)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: URL key derived from the name; also the identity used by the CSV import.
    slug: Mapped[str] = mapped_column(String(220), unique=True)
    #: A key of constants.ORGANISATION_KINDS.
    kind: Mapped[str] = mapped_column(String(30), index=True)
    #: Commune or territory ("Loos-en-Gohelle", "Communauté de communes du Mené").
    territory: Mapped[str] = mapped_column(String(200), default="")
    #: A key of constants.REGIONS.
    region: Mapped[str] = mapped_column(String(40), index=True)
    #: An http(s) URL, or "".
    website: Mapped[str] = mapped_column(String(300), default="")
    #: A short presentation (plain text, at most constants.DESCRIPTION_MAX characters).
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    #: The latest validated charter version, loaded by the directory queries only
    #: (`with_expression`); None elsewhere.
    signed_version: Mapped[int | None] = query_expression()

    signatures: Mapped[list[Signature]] = relationship(
        back_populates="organisation", order_by="Signature.signed_at"
    )

    @property
    def kind_label(self) -> str:
        """The translated kind ("Association")."""
        return str(ORGANISATION_KINDS.get(self.kind, self.kind))

    @property
    def region_name(self) -> str:
        """The region's official name ("Hauts-de-France")."""
        return REGIONS.get(self.region, self.region)

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class SignatureStatus(enum.StrEnum):
    """Life of a signature."""

    PENDING = "pending"  #: an organisation's signature awaiting an administrator
    VALIDATED = "validated"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


#: Statuses that still bind the signatory: signing again is a duplicate.
ACTIVE_STATUSES = (SignatureStatus.PENDING.value, SignatureStatus.VALIDATED.value)


class Signature(db.Model):
    """A signature of one charter version, by a person alone or on behalf of an organisation."""

    __tablename__ = "signatures"
    __table_args__ = (
        # One signature per signatory, charter version and signer, whatever its status:
        # signing again after a withdrawal reuses the row. Several people may sign for one
        # organisation (co-signatories, each validated); the organisation keeps one voice.
        UniqueConstraint("signatory_key", "charter_version", "signer_id"),
        Index("ix_signatures_org_status", "organisation_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    charter_version: Mapped[int] = mapped_column()
    #: "person:<user id>" or "organisation:<organisation id>": who is bound by the signature.
    signatory_key: Mapped[str] = mapped_column(String(40))
    #: The person who signed; None for allies imported from a file.
    signer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(12), default=SignatureStatus.PENDING.value)
    #: The signer stated they may represent the organisation.
    represents_organisation: Mapped[bool] = mapped_column(default=False)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: When an administrator validated or refused it (or the import validated it).
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Why an administrator refused it; emailed to the signer.
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: "web" (signed on the portal) or "import" (CSV of existing allies).
    source: Mapped[str] = mapped_column(String(10), default="web")

    signer: Mapped[User | None] = relationship("User", foreign_keys=[signer_id])
    decided_by: Mapped[User | None] = relationship("User", foreign_keys=[decided_by_id])
    organisation: Mapped[Organisation | None] = relationship(back_populates="signatures")

    @property
    def is_active(self) -> bool:
        """Pending or validated: the signatory is (or asks to be) bound by it."""
        return self.status in ACTIVE_STATUSES

    @property
    def is_individual(self) -> bool:
        """Signed by a person in their own name."""
        return self.organisation_id is None

    @staticmethod
    def key_for_person(user_id: int) -> str:
        """The signatory key of a person signing alone."""
        return f"person:{user_id}"

    @staticmethod
    def key_for_organisation(organisation_id: int) -> str:
        """The signatory key of an organisation."""
        return f"organisation:{organisation_id}"

    def __repr__(self) -> str:
        return f"<Signature {self.signatory_key} v{self.charter_version} {self.status}>"
