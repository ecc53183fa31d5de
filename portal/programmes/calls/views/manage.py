"""Managing calls: a cohort's calls, opening and editing one, composing its questions."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.extensions import db
from portal.core.permissions import require
from portal.meetings.times import utc_to_local
from portal.programmes.calls import bp
from portal.programmes.calls import calls as services
from portal.programmes.calls.forms import ActionForm, CallForm, MoveForm, QuestionForm
from portal.programmes.calls.models import CALL_KINDS
from portal.programmes.calls.permissions import can_manage_call, can_open_call
from portal.programmes.calls.queries import calls_of_space
from portal.programmes.calls.views.helpers import DB_ID, call_or_404, me, question_or_404
from portal.spaces.views.helpers import visible_space


@bp.route("/espace/<slug>")
@login_required
def space_calls(slug: str):
    """The calls of a cohort, for its facilitators and the administrators."""
    space = visible_space(slug)
    require(can_open_call(current_user, space))
    return render_template("calls/space_calls.html", space=space, calls=calls_of_space(space))


@bp.route("/espace/<slug>/nouveau", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """Open a call on a cohort edition."""
    space = visible_space(slug)
    require(can_open_call(current_user, space))
    form = CallForm(zone_name=space.timezone)
    if form.validate_on_submit():
        call = services.create_call(space, me(), form.details)
        db.session.commit()
        flash(_("The call is created. Now compose its questions."), "success")
        return redirect(url_for("calls.questions", call_id=call.id))
    return render_template("calls/call_form.html", form=form, space=space, call=None)


@bp.route(f"/<{DB_ID}:call_id>/modifier", methods=["GET", "POST"])
@login_required
def edit(call_id: int):
    """Change a call's dates, introduction and decision mode."""
    call = call_or_404(call_id)
    require(can_manage_call(current_user, call))
    zone_name = call.space.timezone
    data = {
        "opens_at": utc_to_local(call.opens_at, zone_name),
        "closes_at": utc_to_local(call.closes_at, zone_name),
        "introduction": call.introduction,
        "holds_decisions": call.holds_decisions,
    }
    form = CallForm(zone_name=zone_name, data=data)
    if form.validate_on_submit():
        services.update_call(call, form.details)
        db.session.commit()
        flash(_("The call is saved."), "success")
        return redirect(url_for("calls.show", call_id=call.id))
    return render_template("calls/call_form.html", form=form, space=call.space, call=call)


@bp.route(f"/<{DB_ID}:call_id>/questions", methods=["GET", "POST"])
@login_required
def questions(call_id: int):
    """The call's questions in order, and the form to add one."""
    call = call_or_404(call_id)
    require(can_manage_call(current_user, call))
    form = QuestionForm(kinds=CALL_KINDS)
    if form.validate_on_submit():
        services.add_question(call, form.details())
        db.session.commit()
        flash(_("The question is added."), "success")
        return redirect(url_for("calls.questions", call_id=call.id))
    return render_template(
        "calls/questions.html",
        call=call,
        space=call.space,
        form=form,
        locked=services.questions_locked(call),
        action_form=ActionForm(),
    )


@bp.route(f"/<{DB_ID}:call_id>/questions/<{DB_ID}:question_id>", methods=["GET", "POST"])
@login_required
def question_edit(call_id: int, question_id: int):
    """Edit one question, while no application is submitted."""
    call = call_or_404(call_id)
    require(can_manage_call(current_user, call))
    question = question_or_404(call, question_id)
    if services.questions_locked(call):
        flash(_("Questions cannot change once an application is submitted."), "error")
        return redirect(url_for("calls.questions", call_id=call.id))
    form = QuestionForm(kinds=CALL_KINDS, data=QuestionForm.data_of(question))
    if form.validate_on_submit():
        services.update_question(question, form.details())
        db.session.commit()
        flash(_("The question is saved."), "success")
        return redirect(url_for("calls.questions", call_id=call.id))
    return render_template(
        "calls/question_form.html", call=call, space=call.space, form=form, question=question
    )


def _locked_answer(call):
    """The redirect after a refused change to fixed questions."""
    flash(_("Questions cannot change once an application is submitted."), "error")
    return redirect(url_for("calls.questions", call_id=call.id))


@bp.route(f"/<{DB_ID}:call_id>/questions/<{DB_ID}:question_id>/deplacer", methods=["POST"])
@login_required
def question_move(call_id: int, question_id: int):
    """Move a question up or down."""
    call = call_or_404(call_id)
    require(can_manage_call(current_user, call))
    question = question_or_404(call, question_id)
    form = MoveForm()
    if form.validate_on_submit():
        try:
            services.move_question(question, form.direction.data)
        except services.QuestionsLocked:
            db.session.rollback()
            return _locked_answer(call)
        db.session.commit()
    return redirect(url_for("calls.questions", call_id=call.id, _anchor=f"question-{question.id}"))


@bp.route(f"/<{DB_ID}:call_id>/questions/<{DB_ID}:question_id>/supprimer", methods=["POST"])
@login_required
def question_delete(call_id: int, question_id: int):
    """Delete a question, while no application is submitted."""
    call = call_or_404(call_id)
    require(can_manage_call(current_user, call))
    question = question_or_404(call, question_id)
    if ActionForm().validate_on_submit():
        try:
            services.delete_question(question)
        except services.QuestionsLocked:
            db.session.rollback()
            return _locked_answer(call)
        db.session.commit()
        flash(_("The question is deleted."), "success")
    return redirect(url_for("calls.questions", call_id=call.id))
