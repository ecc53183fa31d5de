"""What the questionnaire's views share: loading objects from the URL, template helpers."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.assembly import bp
from portal.assembly.questionnaire import permissions
from portal.assembly.questionnaire.charts import option_label
from portal.assembly.questionnaire.models import QuestionnaireQuestion
from portal.core.extensions import db
from portal.core.questions import kind_labels

#: A year in a URL: four digits at most (a larger number is a 404, not an overflow).
YEAR = "int(max=9999)"
#: A database id in a URL.
DB_ID = "int(max=2147483647)"


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def question_or_404(edition, question_id: int) -> QuestionnaireQuestion:
    """A question of the edition's questionnaire; 404 otherwise."""
    question = db.session.get(QuestionnaireQuestion, question_id)
    if question is None or question.edition_id != edition.id:
        abort(404)
    return question


@bp.context_processor
def inject_questionnaire():
    """The questionnaire's permissions and kind names, for the assembly's pages."""
    return {
        "questionnaire_can": permissions,
        "question_kind_labels": kind_labels(),
        "option_label": option_label,
    }
