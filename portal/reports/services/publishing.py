"""Publishing: a version freezes the figures and texts shown; a correction adds the next one."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.reports import figures as figures_module
from portal.reports.constants import EDITORIAL_PARTS
from portal.reports.models import Report, ReportVersion
from portal.reports.services.reports import ReportError


def frozen_figures(year: int, sections: list[str]) -> dict:
    """The figures of `year`, computed now, for the `sections` shown only."""
    computed = figures_module.compute_figures(year)
    shown = computed.get("sections", {})
    return {**computed, "sections": {key: shown[key] for key in sections if key in shown}}


def publish(report: Report, publisher, note: str = "") -> ReportVersion:
    """Publish the report's next version: the first needs no note, a correction does."""
    from flask_babel import gettext as _

    last = db.session.scalar(
        select(func.max(ReportVersion.number)).where(ReportVersion.report_id == report.id)
    )
    note = (note or "").strip()
    if last and not note:
        raise ReportError(_("Say what the correction changes."))
    version = ReportVersion(
        report_id=report.id,
        number=(last or 0) + 1,
        figures=frozen_figures(report.year, list(report.sections)),
        sections=list(report.sections),
        note=note,
        published_at=utcnow(),
        published_by_id=publisher.id if publisher else None,
        **{part: getattr(report, part) for part in EDITORIAL_PARTS},
    )
    db.session.add(version)
    db.session.flush()
    return version
