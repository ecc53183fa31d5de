"""The questionnaire's demo: 2027 ready, 2026 answered and its results shown; run twice."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire import results
from portal.assembly.questionnaire.demo import seed_questionnaire_demo
from portal.assembly.questionnaire.models import QuestionnaireQuestion, QuestionnaireResponse
from portal.core.extensions import db
from tests import factories


def counts(year: int) -> tuple[int, int]:
    edition = db.session.scalar(select(AssemblyEdition).where(AssemblyEdition.year == year))
    questions = db.session.scalar(
        select(func.count()).where(QuestionnaireQuestion.edition_id == edition.id)
    )
    answers = db.session.scalar(
        select(func.count()).where(QuestionnaireResponse.edition_id == edition.id)
    )
    return questions, answers


def test_without_editions_the_demo_says_it_skips(app):
    with app.app_context():
        lines = seed_questionnaire_demo()
    assert lines == [
        "Questionnaire 2027: skipped (no 2027 assembly edition).",
        "Questionnaire 2026: skipped (no 2026 assembly edition).",
    ]


def test_the_demo_readies_2027_and_answers_2026_once(app):
    factories.assembly_edition(2026, phase="results")
    factories.assembly_edition(2027, phase="consultation")
    for _run in range(2):
        with app.app_context():
            seed_questionnaire_demo()
            db.session.commit()
    with app.app_context():
        assert counts(2027) == (4, 0)
        assert counts(2026) == (4, 12)
        edition = db.session.scalar(select(AssemblyEdition).where(AssemblyEdition.year == 2026))
        shown = results.questionnaire_results(edition)
        rows = {row.label: row.respondents for row in shown.questions[0].by_kind}
        assert rows[results.kind_label("association")] == 5  # a group large enough to show
        assert rows[results.kind_label("individual")] is None
