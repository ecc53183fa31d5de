"""Reports as administrators write them: creating one for a year, its editorial parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from portal.core.db import fits_integer, utcnow
from portal.core.extensions import db
from portal.reports.constants import EDITORIAL_PARTS
from portal.reports.figures.labels import SECTIONS
from portal.reports.models import Report, ReportVersion


class ReportError(Exception):
    """A refused change; its message is translated and shown to the administrator."""


@dataclass(frozen=True)
class ReportRow:
    """A line of the list: the year, and its latest publication (None: a draft)."""

    year: int
    published_at: datetime | None
    versions: int


def report_by_year(year: int) -> Report | None:
    """The report of `year`, or None."""
    if not fits_integer(year):
        return None
    return db.session.scalar(select(Report).where(Report.year == year))


def report_rows(*, drafts: bool) -> list[ReportRow]:
    """Reports, newest year first, each with its latest publication date; one query."""
    latest = (
        select(
            ReportVersion.report_id,
            func.max(ReportVersion.published_at).label("published_at"),
            func.count(ReportVersion.id).label("versions"),
        )
        .group_by(ReportVersion.report_id)
        .subquery()
    )
    query = select(Report.year, latest.c.published_at, latest.c.versions).outerjoin(
        latest, latest.c.report_id == Report.id
    )
    if not drafts:
        query = query.where(latest.c.published_at.is_not(None))
    rows = db.session.execute(query.order_by(Report.year.desc())).all()
    return [ReportRow(year, published_at, versions or 0) for year, published_at, versions in rows]


def create_report(year: int, author) -> Report:
    """A new draft for `year`, showing every section; refused if the year has one."""
    from flask_babel import gettext as _

    if report_by_year(year) is not None:
        raise ReportError(_("There is already a report for %(year)s.", year=year))
    report = Report(year=year, sections=list(SECTIONS), updated_by_id=author.id if author else None)
    db.session.add(report)
    db.session.flush()
    return report


def save_editorial(report: Report, data: dict, author) -> None:
    """Save the editorial parts and the sections shown (kept in the report's order)."""
    for part in EDITORIAL_PARTS:
        setattr(report, part, data.get(part) or "")
    chosen = set(data.get("sections") or ())
    report.sections = [key for key in SECTIONS if key in chosen]
    report.updated_by_id = author.id if author else None
    report.updated_at = utcnow()
