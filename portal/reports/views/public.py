"""The public pages: the list of reports, a report, its versions, its print view, comparing."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from portal.reports import bp
from portal.reports.compare import compare
from portal.reports.forms import NewReportForm
from portal.reports.permissions import can_manage_reports, can_see_drafts
from portal.reports.services import reports, versions
from portal.reports.views.helpers import render_report, report_or_404, shown_for_viewer


@bp.route("/bilans", endpoint="list")
def list_reports():
    """Published reports, newest first; administrators also see drafts and add a report."""
    form = NewReportForm() if can_manage_reports(current_user) else None
    rows = reports.report_rows(drafts=can_see_drafts(current_user))
    return render_template("reports/list.html", rows=rows, form=form)


@bp.route("/bilans/<int:year>")
def show(year: int):
    """The report of `year`: its latest version, or (administrators) the live draft."""
    report = report_or_404(year)
    return render_report(report, shown_for_viewer(report, bool(request.args.get("brouillon"))))


@bp.route("/bilans/<int:year>/imprimer")
def print_view(year: int):
    """The same report with the print stylesheet."""
    report = report_or_404(year)
    shown = shown_for_viewer(report, bool(request.args.get("brouillon")))
    return render_report(report, shown, printing=True)


@bp.route("/bilans/<int:year>/versions/<int:number>")
def version(year: int, number: int):
    """A published version as it was, with its correction note."""
    report = report_or_404(year)
    found = versions.version(report, number)
    if found is None:
        abort(404)
    return render_report(report, versions.shown_version(report, found, versions.history(report)))


def _side(year_text: str | None, available: dict):
    """The figures of one side of the comparison, or an error message."""
    from flask_babel import gettext as _

    if not year_text:
        return None, _("Choose two years to compare.")
    try:
        year = int(year_text)
    except ValueError:
        return None, _("“%(value)s” is not a year.", value=year_text[:20])
    if year not in available:
        return None, _("There is no report for %(year)s to compare.", year=year)
    report = reports.report_by_year(year)
    history = versions.history(report)
    if history:
        return versions.shown_version(report, versions.version(report), history), None
    return versions.shown_draft(report, history), None  # administrators only: see available


@bp.route("/bilans/comparer")
def compare_years():
    """The figures of two years side by side, with the change."""
    rows = reports.report_rows(drafts=can_see_drafts(current_user))
    available = {row.year: row for row in rows}
    first, second, problems = None, None, []
    asked = "a" in request.args or "b" in request.args
    if asked:
        first, problem_a = _side(request.args.get("a"), available)
        second, problem_b = _side(request.args.get("b"), available)
        problems = list(dict.fromkeys(p for p in (problem_a, problem_b) if p))
    sections = []
    if first and second:
        sections = compare(first.figures, first.sections, second.figures, second.sections)
    return render_template(
        "reports/compare.html",
        rows=rows,
        first=first,
        second=second,
        sections=sections,
        problems=problems,
        chosen=(request.args.get("a", ""), request.args.get("b", "")),
    )
