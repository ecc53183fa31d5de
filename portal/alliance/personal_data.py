"""What the alliance holds about a person: their signatures (export and erasure)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from portal.alliance.models import ACTIVE_STATUSES, Signature, SignatureStatus
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion


def _iso(value) -> str | None:
    """An ISO 8601 timestamp, or None."""
    return value.isoformat() if value else None


@exporter("signatures")
def export_signatures(user) -> list[dict]:
    """Every signature `user` made, in their name or an organisation's."""
    signatures = db.session.scalars(
        select(Signature)
        .where(Signature.signer_id == user.id)
        .options(joinedload(Signature.organisation))
        .order_by(Signature.signed_at)
    )
    return [
        {
            "charter_version": s.charter_version,
            "on_behalf_of": s.organisation.name if s.organisation else None,
            "status": s.status,
            "signed_at": _iso(s.signed_at),
            "decided_at": _iso(s.decided_at),
            "refusal_reason": s.refusal_reason,
            "withdrawn_at": _iso(s.withdrawn_at),
        }
        for s in signatures
    ]


@on_account_deletion
def withdraw_personal_signatures(user) -> None:
    """A deleted person no longer signs in their name; their organisations' signatures stay.

    The organisation's commitment does not end with one member's account: those
    signatures keep their signer, who now shows as "Former member".
    """
    db.session.execute(
        update(Signature)
        .where(
            Signature.signatory_key == Signature.key_for_person(user.id),
            Signature.status.in_(ACTIVE_STATUSES),
        )
        .values(status=SignatureStatus.WITHDRAWN.value, withdrawn_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
