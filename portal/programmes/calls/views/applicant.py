"""The public call page, applying, the applicant's draft, withdrawing."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import is_signed_in, require
from portal.programmes.calls import applications as services
from portal.programmes.calls import bp
from portal.programmes.calls.forms import ActionForm, application_form
from portal.programmes.calls.permissions import can_manage_call, is_applicant
from portal.programmes.calls.queries import my_applications_to
from portal.programmes.calls.views.helpers import (
    DB_ID,
    application_or_404,
    call_or_404,
    me,
)


@bp.route(f"/<{DB_ID}:call_id>")
def show(call_id: int):
    """The call: its cohort, dates, introduction, and the reader's own applications."""
    call = call_or_404(call_id)
    options = services.applicant_options(me()) if is_signed_in(current_user) else None
    return render_template(
        "calls/show.html",
        call=call,
        space=call.space,
        is_open=call.is_open_at(utcnow()),
        mine=my_applications_to(call, current_user),
        options=options,
        can_manage=can_manage_call(current_user, call),
    )


def _answer_data(application) -> dict:
    """The form's initial values from a saved draft."""
    data = {"territory": application.territory, "invitees": application.invitees}
    for question in application.call.questions:
        value = (application.answers or {}).get(str(question.id))
        data[question.field_name] = (
            value if value is None or isinstance(value, list) else str(value)
        )
    return data


def _posted_answers(form) -> dict:
    """The answers as posted, by field name."""
    return {field.name: field.data for _question, field in form.question_fields}


def _show_errors(form, errors: dict) -> None:
    """Put the services' messages on their fields."""
    for name, message in errors.items():
        form[name].errors = [*form[name].errors, message]


def _save(application, form):
    """Save the draft, then submit it if asked; a redirect, or None (nothing written) to show
    the form again with its errors."""
    now = utcnow()
    try:
        if form.submit_application.data:  # incomplete: nothing is saved, the form shows why
            services.require_complete(
                application.call.questions, _posted_answers(form), form.territory.data
            )
        services.save_draft(
            application,
            answers=_posted_answers(form),
            territory=form.territory.data,
            invitees=form.invitees.data,
            now=now,
        )
    except services.InvalidAnswers as error:
        db.session.rollback()
        _show_errors(form, error.errors)
        return None
    except services.NotADraft:
        db.session.rollback()
        flash(_("This application was already submitted: it can no longer be edited."), "error")
        return redirect(url_for("calls.application", application_id=application.id))
    if not form.submit_application.data:
        db.session.commit()
        flash(_("Your draft is saved. You can come back to it until the call closes."), "success")
        return redirect(url_for("calls.application", application_id=application.id))
    try:
        services.submit(application, now)
    except services.InvalidAnswers as error:  # checked above: only a twin request gets here
        db.session.rollback()
        _show_errors(form, error.errors)
        return None
    except services.CallNotOpen:
        db.session.commit()  # the draft is kept
        flash(
            _(
                "The call closed before your application was submitted. "
                "Your draft and your answers are saved."
            ),
            "error",
        )
        return redirect(url_for("calls.application", application_id=application.id))
    except services.NotADraft:
        db.session.rollback()
        flash(_("This application was already submitted."), "info")
        return redirect(url_for("calls.application", application_id=application.id))
    db.session.commit()
    flash(_("Your application is submitted. You will be told the decision by email."), "success")
    return redirect(url_for("calls.application", application_id=application.id))


@bp.route(f"/<{DB_ID}:call_id>/candidature", methods=["GET", "POST"])
@login_required
def apply(call_id: int):
    """Start an application: on whose behalf, the territory, the answers (allies only)."""
    call = call_or_404(call_id)
    options = services.applicant_options(me())
    if request.method == "POST":
        require(options.any)
    elif not call.is_open_at(utcnow()):
        flash(_("This call is not open for applications."), "info")
        return redirect(url_for("calls.show", call_id=call.id))
    form = application_form(call.questions, options=options)
    if options.any and form.validate_on_submit():
        choice = form.applying_for.data
        organisation_id = None if choice == "individual" else int(choice)
        try:
            application = services.start_application(call, me(), organisation_id, utcnow())
        except services.CallNotOpen:
            db.session.rollback()
            flash(_("This call is not open for applications."), "error")
            return redirect(url_for("calls.show", call_id=call.id))
        except services.NotEligible:
            db.session.rollback()
            flash(_("You cannot apply on behalf of this organisation."), "error")
            return redirect(url_for("calls.show", call_id=call.id))
        except services.AlreadyApplied:
            db.session.rollback()
            flash(
                _("Your organisation has already applied to this call (one application each)."),
                "error",
            )
            return redirect(url_for("calls.show", call_id=call.id))
        if not application.is_draft:
            db.session.commit()
            flash(_("You have already applied: here is your application."), "info")
            return redirect(url_for("calls.application", application_id=application.id))
        answer = _save(application, form)
        if answer is not None:
            return answer
    return render_template(
        "calls/apply.html", call=call, space=call.space, form=form, options=options
    )


@bp.route(f"/candidatures/<{DB_ID}:application_id>", methods=["GET", "POST"])
@login_required
def application(application_id: int):
    """The applicant's application: a draft to edit, or read-only once submitted."""
    found = application_or_404(application_id)
    call = call_or_404(found.call_id)
    if request.method == "POST":
        require(is_applicant(current_user, found) and found.is_draft)
    form = None
    if found.is_draft and is_applicant(current_user, found):
        form = application_form(
            call.questions, data=None if request.method == "POST" else _answer_data(found)
        )
        if form.validate_on_submit():
            answer = _save(found, form)
            if answer is not None:
                return answer
    return _application_page(call, found, form)


def _application_page(call, application, form):
    """The application page, with its form while it is the reader's draft."""
    return render_template(
        "calls/application.html",
        call=call,
        space=call.space,
        application=application,
        form=form,
        action_form=ActionForm(),
        is_open=call.is_open_at(utcnow()),
        mine=is_applicant(current_user, application),
    )


@bp.route(f"/candidatures/<{DB_ID}:application_id>/retrait", methods=["POST"])
@login_required
def withdraw(application_id: int):
    """The applicant withdraws their application (before a decision)."""
    found = application_or_404(application_id)
    require(is_applicant(current_user, found))
    if ActionForm().validate_on_submit() and services.withdraw(found, utcnow()):
        db.session.commit()
        flash(_("Your application is withdrawn."), "success")
    else:
        flash(_("This application can no longer be withdrawn."), "error")
    return redirect(url_for("calls.application", application_id=found.id))
