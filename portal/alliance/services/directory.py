"""The public allies directory: validated organisations, filters, counts, CSV export.

An organisation is listed while it has a validated signature of any charter
version; the directory shows the newest version it signed. Every list here is
loaded in a fixed number of queries, whatever the number of allies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, with_expression

from portal.alliance.constants import REGIONS
from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.csv_export import csv_chunks
from portal.core.extensions import db
from portal.core.text import slugify

EXPORT_COLUMNS = (
    "name",
    "kind",
    "kind_label",
    "region",
    "territory",
    "website",
    "description",
    "charter_version",
    "url",
)


@dataclass(frozen=True)
class DirectoryFilters:
    """What the visitor asked for; None means "any"."""

    q: str | None = None
    kind: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class AllianceCounts:
    """How many allies, of which kind."""

    #: Kind key -> validated organisations of that kind (only kinds present).
    organisations_by_kind: dict[str, int]
    #: People who signed in their own name (validated).
    individuals: int

    @property
    def organisations(self) -> int:
        """Validated organisations, all kinds."""
        return sum(self.organisations_by_kind.values())


def validated_versions():
    """Subquery: organisation id -> newest validated charter version it signed."""
    return (
        select(
            Signature.organisation_id.label("organisation_id"),
            func.max(Signature.charter_version).label("version"),
        )
        .where(
            Signature.status == SignatureStatus.VALIDATED.value,
            Signature.organisation_id.is_not(None),
        )
        .group_by(Signature.organisation_id)
        .subquery()
    )


def _filtered(query: Select, filters: DirectoryFilters, *, with_kind: bool = True) -> Select:
    """Apply the search and filters to a query over Organisation."""
    if filters.q:
        # The slug is the name lower-cased without accents or punctuation, on every
        # database: "le mene", "Mené" and "MENE" all find "Le Mené".
        term = slugify(filters.q)
        if term:
            query = query.where(Organisation.slug.contains(term, autoescape=True))
    if with_kind and filters.kind:
        query = query.where(Organisation.kind == filters.kind)
    if filters.region:
        query = query.where(Organisation.region == filters.region)
    return query


def directory_query(filters: DirectoryFilters) -> Select:
    """Validated organisations matching `filters`, by name, with `signed_version` loaded."""
    versions = validated_versions()
    query = (
        select(Organisation)
        .join(versions, versions.c.organisation_id == Organisation.id)
        .options(with_expression(Organisation.signed_version, versions.c.version))
        .order_by(Organisation.slug)
    )
    return _filtered(query, filters)


def kind_counts(filters: DirectoryFilters) -> dict[str, int]:
    """Kind key -> listed organisations matching the search and region (not the kind)."""
    versions = validated_versions()
    query = (
        select(Organisation.kind, func.count(Organisation.id))
        .join(versions, versions.c.organisation_id == Organisation.id)
        .group_by(Organisation.kind)
    )
    return dict(db.session.execute(_filtered(query, filters, with_kind=False)).all())


@dataclass(frozen=True)
class DirectoryCounts:
    """The directory's two breakdowns, each ignoring its own filter (so its links widen)."""

    #: Kind key -> listed organisations matching the search and region.
    by_kind: dict[str, int]
    #: Region key -> listed organisations matching the search and kind (every region).
    by_region: dict[str, int]


def directory_counts(filters: DirectoryFilters) -> DirectoryCounts:
    """Counts by kind and by region in one aggregate query (at most kinds × regions rows)."""
    versions = validated_versions()
    query = (
        select(Organisation.kind, Organisation.region, func.count(Organisation.id))
        .join(versions, versions.c.organisation_id == Organisation.id)
        .group_by(Organisation.kind, Organisation.region)
    )
    unfiltered = DirectoryFilters(q=filters.q)
    by_kind: dict[str, int] = {}
    by_region: dict[str, int] = dict.fromkeys(REGIONS, 0)
    for kind, region, count in db.session.execute(_filtered(query, unfiltered)):
        if not filters.region or region == filters.region:
            by_kind[kind] = by_kind.get(kind, 0) + count
        if (not filters.kind or kind == filters.kind) and region in by_region:
            by_region[region] += count
    return DirectoryCounts(by_kind=by_kind, by_region=by_region)


def alliance_counts() -> AllianceCounts:
    """Validated organisations per kind and individual signatories (2 queries)."""
    individuals = db.session.scalar(
        select(func.count(func.distinct(Signature.signatory_key))).where(
            Signature.status == SignatureStatus.VALIDATED.value,
            Signature.organisation_id.is_(None),
            Signature.signer_id.is_not(None),
        )
    )
    return AllianceCounts(
        organisations_by_kind=kind_counts(DirectoryFilters()), individuals=individuals or 0
    )


def listed_version(organisation: Organisation) -> int | None:
    """The newest validated version `organisation` signed, or None if it is not listed."""
    return db.session.scalar(
        select(func.max(Signature.charter_version)).where(
            Signature.organisation_id == organisation.id,
            Signature.status == SignatureStatus.VALIDATED.value,
        )
    )


def organisation_signatories(organisation: Organisation) -> list[Signature]:
    """The validated signatures of `organisation`, newest version first, signers loaded."""
    return list(
        db.session.scalars(
            select(Signature)
            .where(
                Signature.organisation_id == organisation.id,
                Signature.status == SignatureStatus.VALIDATED.value,
            )
            .options(joinedload(Signature.signer))
            .order_by(Signature.charter_version.desc(), Signature.signed_at)
        )
    )


def export_csv(filters: DirectoryFilters, url_for_slug) -> Iterator[str]:
    """The directory as CSV text chunks (UTF-8 BOM first, for spreadsheets), row by row."""
    rows = db.session.scalars(directory_query(filters).execution_options(yield_per=500))
    return csv_chunks(
        EXPORT_COLUMNS,
        (
            (
                organisation.name,
                organisation.kind,
                organisation.kind_label,
                organisation.region_name,
                organisation.territory,
                organisation.website,
                organisation.description,
                organisation.signed_version,
                url_for_slug(organisation.slug),
            )
            for organisation in rows
        ),
    )
