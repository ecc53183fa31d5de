"""Answering the questionnaire, its results, and the anonymous CSV for administrators."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.assembly import bp
from portal.assembly.loading import edition_or_404
from portal.assembly.questionnaire import answering, results
from portal.assembly.questionnaire.charts import question_chart
from portal.assembly.questionnaire.compose import questions_of
from portal.assembly.questionnaire.forms import answer_form
from portal.assembly.questionnaire.permissions import (
    can_answer_questionnaire,
    can_compose_questionnaire,
    can_export_questionnaire,
    can_see_questionnaire_results,
    is_questionnaire_respondent,
)
from portal.assembly.questionnaire.views.helpers import YEAR, me
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import require
from portal.core.questions import InvalidAnswers, form_data


def _show_errors(form, errors: dict) -> None:
    """Put the services' messages on their fields."""
    for name, message in errors.items():
        form[name].errors = [*form[name].errors, message]


@bp.route(f"/assemblee/<{YEAR}:year>/questionnaire", methods=["GET", "POST"])
@login_required
def questionnaire(year: int):
    """The questionnaire: signed allies answer, and change their answer while it is open."""
    edition = edition_or_404(year)
    now = utcnow()
    questions = questions_of(edition.id)
    response = answering.response_of(edition, current_user)
    form = answer_form(questions, data=form_data(questions, response and response.answers))
    if request.method == "POST":
        require(is_questionnaire_respondent(current_user))
    if form.validate_on_submit():
        posted = {f.name: f.data for _question, f in form.question_fields}
        try:
            answering.save_answer(edition, me(), posted, now)
        except InvalidAnswers as error:
            db.session.rollback()
            _show_errors(form, error.errors)
        except answering.EvaluationClosed:
            db.session.rollback()
            flash(_("The questionnaire is closed: answers can no longer be given or changed."))
            return redirect(url_for("assembly.questionnaire", year=year))
        except answering.NotASignatory:
            db.session.rollback()
            flash(_("Only allies with a validated signature of the charter answer."), "error")
            return redirect(url_for("assembly.questionnaire", year=year))
        else:
            db.session.commit()
            flash(
                _("Thank you: your answers are saved. You can change them until it closes."),
                "success",
            )
            return redirect(url_for("assembly.questionnaire", year=year))
    return render_template(
        "assembly/questionnaire/answer.html",
        edition=edition,
        form=form,
        response=response,
        may_answer=can_answer_questionnaire(current_user, edition, now),
        is_respondent=is_questionnaire_respondent(current_user),
        may_compose=can_compose_questionnaire(current_user),
        now=now,
    )


@bp.route(f"/assemblee/<{YEAR}:year>/questionnaire/resultats")
@login_required
def questionnaire_results(year: int):
    """The results once the evaluation has closed (administrators may preview them)."""
    edition = edition_or_404(year)
    now = utcnow()
    if not can_see_questionnaire_results(current_user, edition, now):
        return render_template("assembly/questionnaire/results_later.html", edition=edition)
    shown = results.questionnaire_results(edition)
    charts = {r.question.id: question_chart(r) for r in shown.questions if r.has_counts}
    return render_template(
        "assembly/questionnaire/results.html",
        edition=edition,
        results=shown,
        charts=charts,
        is_preview=not edition.has_closed("evaluation", now),
        may_export=can_export_questionnaire(current_user),
        min_group=results.MIN_GROUP,
    )


@bp.route(f"/assemblee/<{YEAR}:year>/questionnaire/reponses.csv")
@login_required
def questionnaire_export(year: int):
    """The anonymous answers as CSV, for administrators."""
    edition = edition_or_404(year)
    require(can_export_questionnaire(current_user))
    response = Response(results.anonymous_csv(edition), mimetype="text/csv")
    filename = f"questionnaire-{edition.year}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
