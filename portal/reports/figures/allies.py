"""Allies: signatures of the year, and the signatories standing at the year's end.

A signature is "validated" when its status is validated, or when it was withdrawn after a
validation (withdrawn with a decision date; a refused one keeps the status refused). It
stands at the end of the year when validated before then (decision date, or the signing
date for rows without one) and not withdrawn by then. Allies are distinct signatories
(`signatory_key`): an organisation or a person signing several charter versions counts
once. Breakdowns by kind and region count organisations (individuals have neither).
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, or_, select

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.extensions import db
from portal.reports.figures.period import Period, breakdown, count

_VALIDATED = SignatureStatus.VALIDATED.value
_WITHDRAWN = SignatureStatus.WITHDRAWN.value


def was_validated():
    """SQL: the signature is validated, or was until withdrawn."""
    return or_(
        Signature.status == _VALIDATED,
        and_(Signature.status == _WITHDRAWN, Signature.decided_at.is_not(None)),
    )


def stands_at(moment):
    """SQL: the signature binds its signatory at `moment` (validated before it, not
    withdrawn by then)."""
    validated_at = func.coalesce(Signature.decided_at, Signature.signed_at)
    return and_(
        was_validated(),
        validated_at < moment,
        or_(Signature.withdrawn_at.is_(None), Signature.withdrawn_at >= moment),
    )


def _totals(period: Period) -> dict:
    """Signatures of the year and allies at its end, in one pass over the signatures."""
    standing = stands_at(period.end)
    individual = Signature.organisation_id.is_(None)
    row = db.session.execute(
        select(
            func.count(case((and_(was_validated(), period.contains(Signature.signed_at)), 1))),
            func.count(func.distinct(case((standing, Signature.signatory_key)))),
            func.count(func.distinct(case((standing, Signature.organisation_id)))),
            func.count(func.distinct(case((and_(standing, individual), Signature.signatory_key)))),
        )
    ).one()
    signatures, allies, organisations, individuals = (count(v) for v in row)
    return {
        "signatures": signatures,
        "allies": allies,
        "organisations": organisations,
        "individuals": individuals,
    }


def _organisations_by(column, period: Period):
    """(category, organisations standing at the year's end) grouped by `column`."""
    return db.session.execute(
        select(column, func.count(func.distinct(Organisation.id)))
        .join(Signature, Signature.organisation_id == Organisation.id)
        .where(stands_at(period.end))
        .group_by(column)
    ).all()


def allies_section(period: Period) -> dict:
    """The allies section (three queries)."""
    return {
        "totals": _totals(period),
        "breakdowns": {
            "by_kind": breakdown(_organisations_by(Organisation.kind, period), ORGANISATION_KINDS),
            "by_region": breakdown(_organisations_by(Organisation.region, period), REGIONS),
        },
    }
