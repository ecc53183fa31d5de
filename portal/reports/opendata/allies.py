"""The allies directory as open data: the public fields of every listed organisation.

The same organisations as /allies (a validated signature of any charter version), with
what their public page shows: never an email address nor the name of a signer. Two
queries, whatever the number of allies.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.extensions import db


def _listed():
    """Subquery: listed organisation id -> newest validated version, first validated signing."""
    return (
        select(
            Signature.organisation_id.label("organisation_id"),
            func.max(Signature.charter_version).label("version"),
            func.min(Signature.signed_at).label("signed_at"),
        )
        .where(
            Signature.status == SignatureStatus.VALIDATED.value,
            Signature.organisation_id.is_not(None),
        )
        .group_by(Signature.organisation_id)
        .subquery()
    )


def allies_rows(url_for_slug) -> list[dict]:
    """One dict per listed organisation, by name, with the fields of datasets.ALLIES_FIELDS
    (`url_for_slug(slug)` gives its public page's address)."""
    listed = _listed()
    found = db.session.execute(
        select(Organisation, listed.c.version, listed.c.signed_at)
        .join(listed, listed.c.organisation_id == Organisation.id)
        .order_by(Organisation.slug)
    ).all()
    return [
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "kind_label": organisation.kind_label,
            "region": organisation.region,
            "region_name": organisation.region_name,
            "territory": organisation.territory,
            "website": organisation.website,
            "description": organisation.description,
            "charter_version": version,
            "signed_on": signed_at.date().isoformat() if signed_at else None,
            "url": url_for_slug(organisation.slug),
        }
        for organisation, version, signed_at in found
    ]


def allies_updated_at() -> datetime | None:
    """The newest change an ally's row can show: an organisation edited, a signature made,
    decided or withdrawn (one query)."""
    stamps = db.session.execute(
        select(
            select(func.max(Organisation.updated_at)).scalar_subquery(),
            select(func.max(Signature.signed_at)).scalar_subquery(),
            select(func.max(Signature.decided_at)).scalar_subquery(),
            select(func.max(Signature.withdrawn_at)).scalar_subquery(),
        )
    ).one()
    return max((stamp for stamp in stamps if stamp is not None), default=None)
