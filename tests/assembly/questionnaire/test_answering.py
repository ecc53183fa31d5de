"""Answering the questionnaire: signed allies only, one answer per person, editable while the
evaluation phase is open, each answer checked by the kind of its question."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire import answering
from portal.assembly.questionnaire.models import QuestionnaireResponse
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.questions import InvalidAnswers
from tests import factories


def save(scene, persona, data, now=None):
    with factories.context():
        edition = db.session.get(AssemblyEdition, scene.edition.id)
        user = db.session.get(type(scene.people["admin"]), scene.people[persona].id)
        response = answering.save_answer(edition, user, data, now or utcnow())
        db.session.commit()
        return dict(response.answers), response.organisation_kind, response.region


def count_responses() -> int:
    with factories.context():
        return db.session.scalar(select(func.count(QuestionnaireResponse.id)))


def test_an_individual_signatory_answers_and_is_recorded_as_individual(scene):
    answers, kind, region = save(scene, "individual", scene.answers())
    assert answers[str(scene.questions[0].id)] == 4
    assert answers[str(scene.questions[2].id)] == ["Visio", "Visits"]
    assert (kind, region) == ("individual", "")


def test_an_organisation_signatory_is_recorded_with_its_kind_and_region(scene):
    _answers, kind, region = save(scene, "organisation", scene.answers())
    assert (kind, region) == ("collectivite", "occitanie")


def test_one_answer_per_person_changed_in_place_while_open(scene):
    save(scene, "individual", scene.answers())
    answers, _kind, _region = save(scene, "individual", scene.answers(**{scene.field(0): "2"}))
    assert answers[str(scene.questions[0].id)] == 2
    assert count_responses() == 1


def test_the_database_refuses_a_second_response_of_the_same_person(scene):
    from sqlalchemy.exc import IntegrityError

    person = scene.people["individual"]
    factories.questionnaire_response(scene.edition, person, {})
    with pytest.raises(IntegrityError):
        factories.questionnaire_response(scene.edition, person, {})


@pytest.mark.parametrize("moment", ["before", "after"])
def test_answers_are_refused_outside_the_evaluation_phase(scene, moment):
    opens, closes = scene.edition.window("evaluation")
    now = opens - timedelta(seconds=1) if moment == "before" else closes
    with pytest.raises(answering.EvaluationClosed):
        save(scene, "individual", scene.answers(), now=now)
    assert count_responses() == 0


def test_a_person_without_a_validated_signature_cannot_answer(scene):
    pending = factories.user()
    factories.signature(signer=pending, organisation=factories.organisation(), status="pending")
    scene.people["pending"] = pending
    for persona in ("unsigned", "pending", "admin"):
        with pytest.raises(answering.NotASignatory):
            save(scene, persona, scene.answers())
    assert count_responses() == 0


@pytest.mark.parametrize(
    ("index", "value"),
    [(0, "6"), (0, "zero"), (1, "Not a choice"), (2, ["Visio", "Elsewhere"])],
)
def test_each_answer_is_checked_by_the_kind_of_its_question(scene, index, value):
    with pytest.raises(InvalidAnswers) as refused:
        save(scene, "individual", scene.answers(**{scene.field(index): value}))
    assert list(refused.value.errors) == [scene.field(index)]
    assert count_responses() == 0


def test_a_required_question_needs_an_answer_and_others_may_stay_empty(scene):
    with pytest.raises(InvalidAnswers) as refused:
        save(scene, "individual", {scene.field(3): "Only a text"})
    assert list(refused.value.errors) == [scene.field(0)]
    answers, _kind, _region = save(scene, "individual", {scene.field(0): "5"})
    assert answers == {str(scene.questions[0].id): 5}


def test_a_persons_answers_are_in_their_data_export(scene, client, login):
    save(scene, "individual", scene.answers())
    login(client, scene.people["individual"])
    document = client.get("/account/export").get_json()
    (exported,) = document["sections"]["questionnaire_answers"]
    assert exported["year"] == scene.edition.year
    assert exported["answers"]["Satisfaction"] == 4
