"""The questionnaire's pages for each persona: who answers, who reads the results and when,
who composes and exports; the forbidden cases for every route."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire.models import QuestionnaireQuestion, QuestionnaireResponse
from portal.core.db import utcnow
from portal.core.extensions import db
from tests import factories
from tests.assembly.questionnaire.conftest import PERSONAS
from tests.helpers import post_form

LOGIN = "/auth/login"


def url(scene, tail=""):
    return f"/assemblee/{scene.edition.year}/questionnaire{tail}"


def outcome(response) -> str:
    """ "login", "forbidden", "ok" (2xx or a redirect elsewhere than the login)."""
    if response.status_code in (301, 302, 303) and LOGIN in response.location:
        return "login"
    if response.status_code == 403:
        return "forbidden"
    assert response.status_code < 400, response.status_code
    return "ok"


def close_evaluation(scene):
    with factories.context():
        db.session.execute(
            update(AssemblyEdition)
            .where(AssemblyEdition.id == scene.edition.id)
            .values(
                evaluation_opens_at=utcnow() - timedelta(days=10),
                evaluation_closes_at=utcnow() - timedelta(days=1),
            )
        )
        db.session.commit()


def responses() -> int:
    with factories.context():
        return db.session.scalar(select(func.count(QuestionnaireResponse.id)))


ANSWERING = {"anonymous": "login", "unsigned": "forbidden", "individual": "ok",
             "organisation": "ok", "admin": "forbidden"}  # fmt: skip
ADMIN_ONLY = {p: "forbidden" for p in PERSONAS} | {"anonymous": "login", "admin": "ok"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_questionnaire_page_shows_the_form_to_signed_allies_only(scene, as_persona, persona):
    page = as_persona(persona).get(url(scene))
    if persona == "anonymous":
        assert outcome(page) == "login"
        return
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    has_form = f'name="{scene.field(0)}"' in html
    assert has_form == (ANSWERING[persona] == "ok")
    assert ("to take part" in html) == (persona in ("unsigned", "admin"))
    assert ("questionnaire/questions" in html) == (persona == "admin")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_signed_allies_post_answers(scene, as_persona, persona):
    page = post_form(as_persona(persona), url(scene), scene.answers())
    assert outcome(page) == ANSWERING[persona]
    assert responses() == (1 if ANSWERING[persona] == "ok" else 0)


def test_an_ally_answers_then_changes_the_answer(scene, as_persona):
    client = as_persona("organisation")
    post_form(client, url(scene), scene.answers())
    page = client.get(url(scene))
    assert f'checked id="{scene.field(1)}-1"' in page.get_data(as_text=True)  # Forums
    post_form(client, url(scene), scene.answers(**{scene.field(1): "Cohorts"}))
    assert responses() == 1
    assert f'checked id="{scene.field(1)}-0"' in client.get(url(scene)).get_data(as_text=True)


def test_a_wrong_answer_shows_the_form_again_and_writes_nothing(scene, as_persona):
    page = post_form(as_persona("individual"), url(scene), scene.answers(**{scene.field(0): "9"}))
    assert page.status_code == 200
    assert "Choose a value from 1 to 5." in page.get_data(as_text=True)
    assert responses() == 0


def test_after_the_close_answers_are_refused_with_a_message(scene, as_persona):
    close_evaluation(scene)
    client = as_persona("individual")
    page = post_form(client, url(scene), scene.answers(), follow_redirects=True)
    assert "The questionnaire is closed" in page.get_data(as_text=True)
    assert responses() == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_results_wait_for_the_close_but_administrators_preview(scene, as_persona, persona):
    factories.questionnaire_response(scene.edition, scene.people["individual"], {})
    page = as_persona(persona).get(url(scene, "/resultats"))
    if persona == "anonymous":
        assert outcome(page) == "login"
        return
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert ("<svg" in html) == (persona == "admin")
    assert ("Preview for administrators" in html) == (persona == "admin")
    assert ("shown once the questionnaire closes" in html) == (persona != "admin")


@pytest.mark.parametrize("persona", PERSONAS)
def test_results_after_the_close_for_every_signed_in_person(scene, as_persona, persona):
    for n in range(3):
        answer = {str(scene.questions[0].id): 1 + n, str(scene.questions[3].id): f"Idée {n}"}
        factories.questionnaire_response(scene.edition, factories.user(), answer)
    close_evaluation(scene)
    page = as_persona(persona).get(url(scene, "/resultats"))
    if persona == "anonymous":
        assert outcome(page) == "login"
        return
    html = page.get_data(as_text=True)
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "<table" in html and "Idée 2" in html
    assert "Member" not in html  # no respondent's name
    assert "fewer than 5" in html
    assert ("reponses.csv" in html) == (persona == "admin")


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_administrators_export_the_answers(scene, as_persona, persona):
    page = as_persona(persona).get(url(scene, "/reponses.csv"))
    assert outcome(page) == ADMIN_ONLY[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_administrators_compose(scene, as_persona, persona):
    client = as_persona(persona)
    question = scene.questions[1].id
    assert outcome(client.get(url(scene, "/questions"))) == ADMIN_ONLY[persona]
    assert outcome(client.get(url(scene, f"/questions/{question}"))) == ADMIN_ONLY[persona]
    added = post_form(client, url(scene, "/questions"), {"label": "New?", "kind": "long_text"})
    assert outcome(added) == ADMIN_ONLY[persona]
    edited = post_form(
        client, url(scene, f"/questions/{question}"),
        {"label": "Renamed", "kind": "one_choice", "choices": "A\nB"},
    )  # fmt: skip
    assert outcome(edited) == ADMIN_ONLY[persona]
    moved = post_form(client, url(scene, f"/questions/{question}/deplacer"), {"direction": "up"})
    assert outcome(moved) == ADMIN_ONLY[persona]
    deleted = post_form(client, url(scene, f"/questions/{question}/supprimer"))
    assert outcome(deleted) == ADMIN_ONLY[persona]
    with factories.context():
        labels = list(
            db.session.scalars(
                select(QuestionnaireQuestion.label)
                .where(QuestionnaireQuestion.edition_id == scene.edition.id)
                .order_by(QuestionnaireQuestion.position)
            )
        )
    if persona == "admin":
        assert labels == ["Satisfaction", "Took part in", "Anything else?", "New?"]
    else:
        assert labels == ["Satisfaction", "Most useful", "Took part in", "Anything else?"]


def test_once_answered_the_questions_are_fixed_for_the_administrator_too(scene, as_persona):
    factories.questionnaire_response(scene.edition, scene.people["individual"], {})
    client = as_persona("admin")
    question = scene.questions[1].id
    page = post_form(client, url(scene, f"/questions/{question}/supprimer"), follow_redirects=True)
    assert "Questions cannot change once someone answered" in page.get_data(as_text=True)
    assert client.get(url(scene, f"/questions/{question}")).status_code == 302
    with factories.context():
        assert db.session.get(QuestionnaireQuestion, question) is not None


def test_unknown_years_and_questions_are_not_found(scene, as_persona):
    client = as_persona("admin")
    assert client.get("/assemblee/1850/questionnaire").status_code == 404
    assert client.get("/assemblee/99999/questionnaire").status_code == 404
    assert client.get(url(scene, "/questions/999999")).status_code == 404
    other = factories.assembly_edition(phase="evaluation")
    foreign = factories.questionnaire(other)[0].id
    assert client.get(url(scene, f"/questions/{foreign}")).status_code == 404
