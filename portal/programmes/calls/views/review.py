"""Reviewing: the applications table, the CSV export, scoring, deciding, releasing."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from portal.core import pagination
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import require
from portal.programmes.calls import bp, decisions
from portal.programmes.calls import reviews as services
from portal.programmes.calls.export import export_csv
from portal.programmes.calls.forms import ActionForm, DecisionForm, ReviewForm, TableFilterForm
from portal.programmes.calls.models import REVIEWABLE
from portal.programmes.calls.permissions import can_review, has_conflict
from portal.programmes.calls.queries import (
    PER_PAGE,
    TableFilters,
    applications_table,
    reviews_of,
)
from portal.programmes.calls.views.helpers import DB_ID, application_or_404, call_or_404, me


@bp.route(f"/<{DB_ID}:call_id>/candidatures")
@login_required
def applications(call_id: int):
    """The submitted applications with their scores, filtered, for the reviewers."""
    call = call_or_404(call_id)
    require(can_review(current_user, call))
    form = TableFilterForm(request.args)
    valid = form.validate()
    filters = TableFilters(
        state=form.state.data or "" if valid else "",
        kind=form.kind.data or "" if valid else "",
        region=form.region.data or "" if valid else "",
        reviewed_by_me=form.reviewed_by_me.data or "" if valid else "",
    )
    page = pagination.page_number()
    rows, total = applications_table(call, me(), filters, page)
    pages = max(1, -(-total // PER_PAGE))
    if page > pages:
        abort(404)
    return render_template(
        "calls/applications.html",
        call=call,
        space=call.space,
        form=form,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        action_form=ActionForm(),
    )


@bp.route(f"/<{DB_ID}:call_id>/candidatures.csv")
@login_required
def export(call_id: int):
    """The submitted applications and their answers as CSV."""
    call = call_or_404(call_id)
    require(can_review(current_user, call))
    response = Response("".join(export_csv(call)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="call-{call.id}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _reviewable_or_404(application_id: int):
    """A submitted (or decided) application and its call, for a reviewer of the call."""
    application = application_or_404(application_id)
    call = call_or_404(application.call_id)
    require(can_review(current_user, call))
    if application.state not in REVIEWABLE:
        abort(404)
    return application, call


@bp.route(f"/candidatures/<{DB_ID}:application_id>/evaluation", methods=["GET", "POST"])
@login_required
def review(application_id: int):
    """Read an application, score it with a private comment, decide."""
    application, call = _reviewable_or_404(application_id)
    conflict = has_conflict(current_user, application)
    if request.method == "POST":
        require(not conflict)
    own = None if conflict else services.review_of(application, me())
    form = ReviewForm(data={"score": str(own.score), "comment": own.comment} if own else None)
    if not conflict and form.validate_on_submit():
        try:
            services.save_review(
                application, me(), int(form.score.data), form.comment.data, utcnow()
            )
        except services.ReviewRefused:
            db.session.rollback()
            abort(403)
        db.session.commit()
        flash(_("Your review is saved."), "success")
        return redirect(url_for("calls.review", application_id=application.id))
    decision_form = DecisionForm(
        data={
            "decision": application.state if application.is_decided else None,
            "message": application.decision_message,
        },
        formdata=None,
    )
    return render_template(
        "calls/review.html",
        call=call,
        space=call.space,
        application=application,
        form=form,
        decision_form=decision_form,
        conflict=conflict,
        reviews=reviews_of(application),
    )


@bp.route(f"/candidatures/<{DB_ID}:application_id>/decision", methods=["POST"])
@login_required
def decide(application_id: int):
    """Accept, waitlist or decline a submitted application."""
    application, call = _reviewable_or_404(application_id)
    require(not has_conflict(current_user, application))
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose a decision."), "error")
        return redirect(url_for("calls.review", application_id=application.id))
    try:
        changed = decisions.decide(
            application.id, me(), form.decision.data, form.message.data, utcnow()
        )
    except decisions.DecisionRefused:
        db.session.rollback()
        flash(_("This application cannot be decided."), "error")
        return redirect(url_for("calls.review", application_id=application.id))
    db.session.commit()
    if changed and call.holds_decisions:
        flash(
            _("The decision is saved; it will be emailed when you release the decisions."),
            "success",
        )
    elif changed:
        flash(_("The decision is saved and emailed to the applicant."), "success")
    return redirect(url_for("calls.applications", call_id=call.id))


@bp.route(f"/<{DB_ID}:call_id>/decisions", methods=["POST"])
@login_required
def release(call_id: int):
    """Email every held decision of the call."""
    call = call_or_404(call_id)
    require(can_review(current_user, call))
    if ActionForm().validate_on_submit():
        count = decisions.release(call, me(), utcnow())
        db.session.commit()
        flash(ngettext("%(num)d decision emailed.", "%(num)d decisions emailed.", count), "success")
    return redirect(url_for("calls.applications", call_id=call.id))
