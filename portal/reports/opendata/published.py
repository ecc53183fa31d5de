"""The published reports the open data serves: the latest version of each year, read from
the stored versions (never recomputed: the open data says what the report says)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from portal.core.db import fits_integer
from portal.core.extensions import db
from portal.reports.models import Report, ReportVersion


@dataclass(frozen=True)
class PublishedFigures:
    """The figures of one published version of a year's report."""

    year: int
    version: int
    published_at: datetime
    #: The figures dict (FIGURES.md contract), as frozen in the snapshot; None in listings.
    figures: dict | None = None


def _latest_numbers():
    """Each report's latest version number (a subquery)."""
    return (
        select(ReportVersion.report_id, func.max(ReportVersion.number).label("number"))
        .group_by(ReportVersion.report_id)
        .subquery()
    )


def published_figures(year: int) -> PublishedFigures | None:
    """The latest published version of `year`'s report with its figures, or None (1 query)."""
    if not fits_integer(year):
        return None
    row = db.session.execute(
        select(ReportVersion.number, ReportVersion.published_at, ReportVersion.figures)
        .join(Report, Report.id == ReportVersion.report_id)
        .where(Report.year == year)
        .order_by(ReportVersion.number.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return PublishedFigures(year, row.number, row.published_at, row.figures)


def published_reports() -> list[PublishedFigures]:
    """Every year with a published report, newest first: its latest version (1 query)."""
    latest = _latest_numbers()
    rows = db.session.execute(
        select(Report.year, ReportVersion.number, ReportVersion.published_at)
        .join(latest, latest.c.report_id == Report.id)
        .join(
            ReportVersion,
            (ReportVersion.report_id == Report.id) & (ReportVersion.number == latest.c.number),
        )
        .order_by(Report.year.desc())
    ).all()
    return [PublishedFigures(row.year, row.number, row.published_at) for row in rows]
