"""The contributions list: filters, the four orders, and the counts of a page in a fixed
number of queries (GROUP BY), whatever its length.

Organisations supporting a contribution are counted through the supporters' validated
signatures for an organisation, distinct: a person who signed for two organisations
brings both, two signatories of one organisation bring it once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import BigInteger, Select, cast, func, select
from sqlalchemy.orm import selectinload

from portal.alliance.models import Signature, SignatureStatus
from portal.assembly.contributions.constants import RANDOM_PRIME
from portal.assembly.contributions.models import (
    Contribution,
    ContributionSupport,
    contribution_themes,
)
from portal.core.extensions import db
from portal.experiences.models import Theme
from portal.forums.models import Thread


@dataclass
class ListFilters:
    """What the list shows and in which order."""

    fundamental: str | None = None
    theme: str | None = None
    state: str | None = None
    sort: str = "supported"


@dataclass(frozen=True)
class Counts:
    """How many people and organisations support a contribution, and its comments."""

    people: int = 0
    organisations: int = 0
    comments: int = 0


def new_seed() -> int:
    """A visitor's seed of the random order (kept in their session)."""
    return 1 + secrets.randbelow(RANDOM_PRIME - 1)


def _support_totals():
    """People supporting each contribution (a subquery)."""
    return (
        select(
            ContributionSupport.contribution_id.label("contribution_id"),
            func.count(ContributionSupport.id).label("people"),
        )
        .group_by(ContributionSupport.contribution_id)
        .subquery()
    )


def list_query(edition, filters: ListFilters, seed: int) -> Select:
    """The edition's contributions matching `filters`, in the chosen order."""
    query = select(Contribution).where(Contribution.edition_id == edition.id)
    if filters.fundamental:
        query = query.where(Contribution.fundamental == filters.fundamental)
    if filters.state:
        query = query.where(Contribution.state == filters.state)
    if filters.theme:
        tagged = (
            select(contribution_themes.c.contribution_id)
            .join(Theme, Theme.id == contribution_themes.c.theme_id)
            .where(Theme.key == filters.theme)
        )
        query = query.where(Contribution.id.in_(tagged))
    if filters.sort == "supported":
        totals = _support_totals()
        query = query.outerjoin(totals, totals.c.contribution_id == Contribution.id).order_by(
            func.coalesce(totals.c.people, 0).desc(), Contribution.id.desc()
        )
    elif filters.sort == "discussed":
        query = query.outerjoin(Thread, Thread.id == Contribution.thread_id).order_by(
            func.coalesce(Thread.post_count, 0).desc(), Contribution.id.desc()
        )
    elif filters.sort == "random":
        # A stable shuffle per seed, the same on SQLite and PostgreSQL (bigint: no overflow).
        query = query.order_by((cast(Contribution.id, BigInteger) * seed) % RANDOM_PRIME)
        query = query.order_by(Contribution.id)
    else:
        query = query.order_by(Contribution.created_at.desc(), Contribution.id.desc())
    return query.options(
        selectinload(Contribution.themes),
        selectinload(Contribution.author),
        selectinload(Contribution.organisation),
    )


def counts(ids: list[int]) -> dict[int, Counts]:
    """Supporters, supporting organisations and comments of each contribution (three queries)."""
    if not ids:
        return {}
    people = dict(
        db.session.execute(
            select(ContributionSupport.contribution_id, func.count(ContributionSupport.id))
            .where(ContributionSupport.contribution_id.in_(ids))
            .group_by(ContributionSupport.contribution_id)
        ).all()
    )
    organisations = dict(
        db.session.execute(
            select(
                ContributionSupport.contribution_id,
                func.count(func.distinct(Signature.organisation_id)),
            )
            .join(Signature, Signature.signer_id == ContributionSupport.user_id)
            .where(
                ContributionSupport.contribution_id.in_(ids),
                Signature.status == SignatureStatus.VALIDATED.value,
                Signature.organisation_id.is_not(None),
            )
            .group_by(ContributionSupport.contribution_id)
        ).all()
    )
    comments = dict(
        db.session.execute(
            select(Contribution.id, Thread.post_count)
            .join(Thread, Thread.id == Contribution.thread_id)
            .where(Contribution.id.in_(ids))
        ).all()
    )
    return {
        i: Counts(
            people=people.get(i, 0),
            organisations=organisations.get(i, 0),
            comments=max((comments.get(i) or 0) - 1, 0),
        )
        for i in ids
    }


def my_supports(user, ids: list[int]) -> set[int]:
    """Which of `ids` the viewer supports (one query)."""
    if not ids or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            select(ContributionSupport.contribution_id).where(
                ContributionSupport.user_id == user.id,
                ContributionSupport.contribution_id.in_(ids),
            )
        )
    )
