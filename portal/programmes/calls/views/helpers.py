"""What the call views share: loading objects from the URL, template helpers."""

from __future__ import annotations

from flask import abort
from flask_babel import get_locale
from flask_login import current_user

from portal.core.extensions import db
from portal.meetings.times import format_moment
from portal.programmes.calls import bp
from portal.programmes.calls import permissions as call_permissions
from portal.programmes.calls.forms import kind_labels, state_labels
from portal.programmes.calls.models import Application, Question
from portal.programmes.calls.queries import call_with_questions

#: A database id in a URL: a larger number is a 404, not an integer overflow in PostgreSQL.
DB_ID = "int(max=2147483647)"


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def call_or_404(call_id: int):
    """The call with its space and questions; 404 if missing."""
    call = call_with_questions(call_id)
    if call is None:
        abort(404)
    return call


def application_or_404(application_id: int) -> Application:
    """The application; 404 if missing, and also to anyone who may not see it (so that
    applications do not reveal that they exist)."""
    application = db.session.get(Application, application_id)
    if application is None or not call_permissions.can_see_application(current_user, application):
        abort(404)
    return application


def question_or_404(call, question_id: int) -> Question:
    """A question of `call`; 404 otherwise."""
    question = db.session.get(Question, question_id)
    if question is None or question.call_id != call.id:
        abort(404)
    return question


@bp.app_template_global("call_moment")
def call_moment(moment, zone_name: str) -> str:
    """`moment` in the cohort's zone, in the reader's words."""
    return format_moment(moment, zone_name, str(get_locale() or "fr"))


@bp.context_processor
def inject():
    """The calls' permissions and labels, for the calls' own pages."""
    return {
        "state_labels": state_labels(),
        "kind_labels": kind_labels(),
        "calls_can": call_permissions,
    }
