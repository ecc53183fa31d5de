"""Administrators: add a report, write its editorial parts, publish it or a correction."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.extensions import db
from portal.core.permissions import require
from portal.reports import bp
from portal.reports.forms import EditorialForm, NewReportForm, PublishForm
from portal.reports.permissions import can_manage_reports
from portal.reports.services import publishing, reports, versions
from portal.reports.services.reports import ReportError
from portal.reports.views.helpers import report_or_404


@bp.route("/bilans/nouveau", methods=["POST"])
@login_required
def add():
    """Create the draft of a year's report, then write it."""
    require(can_manage_reports(current_user))
    form = NewReportForm()
    if form.validate_on_submit():
        try:
            reports.create_report(form.year.data, current_user)
        except ReportError as refused:
            form.year.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("The report is created: write it, then publish it."), "success")
            return redirect(url_for("reports.edit", year=form.year.data))
    rows = reports.report_rows(drafts=True)
    return render_template("reports/list.html", rows=rows, form=form)


@bp.route("/bilans/<int:year>/modifier", methods=["GET", "POST"])
@login_required
def edit(year: int):
    """The editorial parts (Markdown) and the sections shown."""
    require(can_manage_reports(current_user))
    report = report_or_404(year)
    form = EditorialForm(obj=None if request.method == "POST" else report)
    if form.validate_on_submit():
        reports.save_editorial(report, form.data, current_user)
        db.session.commit()
        flash(_("The draft is saved."), "success")
        return redirect(url_for("reports.show", year=year, brouillon=1))
    return render_template("reports/edit.html", report=report, form=form)


@bp.route("/bilans/<int:year>/publier", methods=["GET", "POST"])
@login_required
def publish(year: int):
    """Publish the draft as the first version, or as a correction with a note."""
    require(can_manage_reports(current_user))
    report = report_or_404(year)
    history = versions.history(report)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            published = publishing.publish(report, current_user, form.note.data)
        except ReportError as refused:
            form.note.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Version %(number)d is published.", number=published.number), "success")
            return redirect(url_for("reports.show", year=year))
    return render_template("reports/publish.html", report=report, history=history, form=form)
