"""Composing the questionnaire (administrators): its questions, their order."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.assembly import bp
from portal.assembly.loading import edition_or_404
from portal.assembly.questionnaire import compose as services
from portal.assembly.questionnaire.forms import ActionForm
from portal.assembly.questionnaire.models import QUESTIONNAIRE_KINDS
from portal.assembly.questionnaire.permissions import can_compose_questionnaire
from portal.assembly.questionnaire.views.helpers import (
    DB_ID,
    YEAR,
    question_or_404,
)
from portal.core.extensions import db
from portal.core.permissions import require
from portal.core.question_forms import MoveForm, QuestionForm
from portal.core.questions import QuestionsLocked

QUESTIONS = f"/assemblee/<{YEAR}:year>/questionnaire/questions"


def _locked_answer(year: int):
    """The redirect after a refused change to fixed questions."""
    flash(_("Questions cannot change once someone answered the questionnaire."), "error")
    return redirect(url_for("assembly.questionnaire_questions", year=year))


@bp.route(QUESTIONS, methods=["GET", "POST"])
@login_required
def questionnaire_questions(year: int):
    """The questionnaire's questions in order, and the form to add one."""
    edition = edition_or_404(year)
    require(can_compose_questionnaire(current_user))
    form = QuestionForm(kinds=QUESTIONNAIRE_KINDS)
    if form.validate_on_submit():
        services.add_question(edition, form.details())
        db.session.commit()
        flash(_("The question is added."), "success")
        return redirect(url_for("assembly.questionnaire_questions", year=year))
    return render_template(
        "assembly/questionnaire/questions.html",
        edition=edition,
        questions=services.questions_of(edition.id),
        form=form,
        locked=services.questions_locked(edition.id),
        action_form=ActionForm(),
    )


@bp.route(f"{QUESTIONS}/<{DB_ID}:question_id>", methods=["GET", "POST"])
@login_required
def questionnaire_question_edit(year: int, question_id: int):
    """Edit one question, while nobody answered."""
    edition = edition_or_404(year)
    require(can_compose_questionnaire(current_user))
    question = question_or_404(edition, question_id)
    if services.questions_locked(edition.id):
        return _locked_answer(year)
    form = QuestionForm(kinds=QUESTIONNAIRE_KINDS, data=QuestionForm.data_of(question))
    if form.validate_on_submit():
        try:
            services.update_question(question, form.details())
        except QuestionsLocked:
            db.session.rollback()
            return _locked_answer(year)
        db.session.commit()
        flash(_("The question is saved."), "success")
        return redirect(url_for("assembly.questionnaire_questions", year=year))
    return render_template(
        "assembly/questionnaire/question_form.html", edition=edition, form=form, question=question
    )


@bp.route(f"{QUESTIONS}/<{DB_ID}:question_id>/deplacer", methods=["POST"])
@login_required
def questionnaire_question_move(year: int, question_id: int):
    """Move a question up or down, while nobody answered."""
    edition = edition_or_404(year)
    require(can_compose_questionnaire(current_user))
    question = question_or_404(edition, question_id)
    form = MoveForm()
    if form.validate_on_submit():
        try:
            services.move_question(question, form.direction.data)
        except QuestionsLocked:
            db.session.rollback()
            return _locked_answer(year)
        db.session.commit()
    return redirect(
        url_for("assembly.questionnaire_questions", year=year, _anchor=f"question-{question.id}")
    )


@bp.route(f"{QUESTIONS}/<{DB_ID}:question_id>/supprimer", methods=["POST"])
@login_required
def questionnaire_question_delete(year: int, question_id: int):
    """Delete a question, while nobody answered."""
    edition = edition_or_404(year)
    require(can_compose_questionnaire(current_user))
    question = question_or_404(edition, question_id)
    if ActionForm().validate_on_submit():
        try:
            services.delete_question(question)
        except QuestionsLocked:
            db.session.rollback()
            return _locked_answer(year)
        db.session.commit()
        flash(_("The question is deleted."), "success")
    return redirect(url_for("assembly.questionnaire_questions", year=year))
