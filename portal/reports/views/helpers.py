"""Loading a report from its URL, and the page that shows one."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from portal.reports.permissions import can_manage_reports, can_see_drafts
from portal.reports.rendering import section_views
from portal.reports.services import reports, versions


def report_or_404(year: int):
    """The report of `year`, or 404."""
    report = reports.report_by_year(year)
    if report is None:
        abort(404)
    return report


def render_report(report, shown, *, printing: bool = False):
    """The report page (or its print view) for a version or the draft."""
    return render_template(
        "reports/show.html",
        report=report,
        shown=shown,
        sections=section_views(shown.figures, shown.sections),
        printing=printing,
        managing=can_manage_reports(current_user),
    )


def viewer_choice(report, draft_asked: bool):
    """(history, the latest published version), the version None when the viewer gets the
    draft: administrators who ask, or while nothing is published. Visitors get 404 for an
    unpublished report (it does not exist for them). The page and its PDF both ask here."""
    history = versions.history(report)
    if can_see_drafts(current_user) and (draft_asked or not history):
        return history, None
    if not history:
        abort(404)
    return history, versions.version(report)


def shown_for_viewer(report, draft_asked: bool):
    """What the viewer reads: the latest published version, or the draft (viewer_choice)."""
    history, found = viewer_choice(report, draft_asked)
    if found is None:
        return versions.shown_draft(report, history)
    return versions.shown_version(report, found, history)
