"""Reading published versions, and what a report shows: frozen figures or live ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from portal.core.extensions import db
from portal.reports.constants import EDITORIAL_PARTS
from portal.reports.models import Report, ReportVersion


@dataclass
class Shown:
    """What a report page shows: a published version, or the draft with live figures."""

    year: int
    figures: dict
    sections: list[str]
    texts: dict
    #: The version shown, None for the draft.
    number: int | None = None
    note: str = ""
    published_at: datetime | None = None
    #: (number, published_at, note) of every published version, oldest first.
    history: list = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        """Whether these are live figures of an unpublished draft."""
        return self.number is None


def history(report: Report) -> list[tuple[int, datetime, str]]:
    """(number, published_at, note) of the report's versions, oldest first; one query."""
    rows = db.session.execute(
        select(ReportVersion.number, ReportVersion.published_at, ReportVersion.note)
        .where(ReportVersion.report_id == report.id)
        .order_by(ReportVersion.number)
    ).all()
    return [tuple(row) for row in rows]


def version(report: Report, number: int | None = None) -> ReportVersion | None:
    """The version `number` of `report` (the latest when None), or None."""
    query = select(ReportVersion).where(ReportVersion.report_id == report.id)
    if number is None:
        query = query.order_by(ReportVersion.number.desc()).limit(1)
    else:
        query = query.where(ReportVersion.number == number)
    return db.session.scalar(query)


def shown_version(report: Report, found: ReportVersion, versions: list) -> Shown:
    """A published version as shown: its frozen figures and texts, never recomputed."""
    return Shown(
        year=report.year,
        figures=found.figures,
        sections=list(found.sections),
        texts={part: getattr(found, part) for part in EDITORIAL_PARTS},
        number=found.number,
        note=found.note,
        published_at=found.published_at,
        history=versions,
    )


def shown_draft(report: Report, versions: list) -> Shown:
    """The draft as shown: its texts and the figures computed now."""
    from portal.reports import figures as figures_module

    return Shown(
        year=report.year,
        figures=figures_module.compute_figures(report.year),
        sections=list(report.sections),
        texts={part: getattr(report, part) for part in EDITORIAL_PARTS},
        history=versions,
    )
