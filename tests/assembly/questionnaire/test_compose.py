"""Composing the questionnaire with the shared question rules: kinds, choices, order, and
questions fixed once someone answered (adding one stays possible, as for calls)."""

from __future__ import annotations

import pytest

from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire import compose
from portal.assembly.questionnaire.models import QuestionnaireQuestion
from portal.core.extensions import db
from portal.core.questions import QuestionDetails, QuestionRuleError, QuestionsLocked
from tests import factories


def labels(edition_id):
    return [q.label for q in compose.questions_of(edition_id)]


def test_questions_are_added_at_the_end_and_moved(scene):
    with factories.context():
        edition = db.session.get(AssemblyEdition, scene.edition.id)
        added = compose.add_question(
            edition, QuestionDetails(label="  Overall?  ", kind="scale", choices=["ignored"])
        )
        assert (added.label, added.choices, added.position) == ("Overall?", [], 5)
        assert compose.move_question(added, "up")
        assert labels(edition.id)[-2:] == ["Overall?", "Anything else?"]
        first = compose.questions_of(edition.id)[0]
        assert not compose.move_question(first, "up")


@pytest.mark.parametrize(
    "details",
    [
        QuestionDetails(label="A number", kind="number"),
        QuestionDetails(label="Pick", kind="one_choice", choices=["A", "A", " "]),
    ],
)
def test_kinds_a_questionnaire_does_not_offer_and_too_few_choices_are_refused(scene, details):
    with factories.context():
        edition = db.session.get(AssemblyEdition, scene.edition.id)
        with pytest.raises(QuestionRuleError):
            compose.add_question(edition, details)


def test_questions_are_fixed_once_someone_answered_but_one_can_be_added(scene):
    factories.questionnaire_response(scene.edition, scene.people["individual"], {})
    with factories.context():
        question = db.session.get(QuestionnaireQuestion, scene.questions[1].id)
        edition = db.session.get(AssemblyEdition, scene.edition.id)
        assert compose.questions_locked(edition.id)
        for change in (
            lambda: compose.update_question(question, QuestionDetails("New", "long_text")),
            lambda: compose.delete_question(question),
            lambda: compose.move_question(question, "up"),
        ):
            with pytest.raises(QuestionsLocked):
                change()
        compose.add_question(edition, QuestionDetails(label="One more", kind="long_text"))
        assert labels(edition.id)[-1] == "One more"
