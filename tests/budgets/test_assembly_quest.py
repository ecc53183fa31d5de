"""Budgets of the questionnaire's pages: answering it, and its results (administrators'
preview), whatever the number of respondents."""

from __future__ import annotations

import pytest

from tests import factories
from tests.budgets.helpers import Page, add_rows, people


def _edition(world):
    """The world's edition (its questionnaire is open)."""
    from sqlalchemy import select

    from portal.assembly.models import AssemblyEdition
    from portal.core.extensions import db

    with factories.context():
        return db.session.scalar(
            select(AssemblyEdition).where(AssemblyEdition.year == world.args["questionnaire_year"])
        )


def many_responses(world):
    """Respondents of many kinds and regions, with free texts, and the member's own answer."""
    from portal.assembly.questionnaire.models import QuestionnaireResponse
    from portal.core.questions import SCALE_VALUES

    edition = _edition(world)
    question = world.args["questionnaire_question_id"]
    kinds = ("association", "collectivite", "entreprise", "individual")
    regions = ("bretagne", "occitanie", "corse", "")
    respondents = [*people(40), world.people["member"]]
    add_rows(
        [
            QuestionnaireResponse(
                edition_id=edition.id,
                respondent_id=person.id,
                organisation_kind=kinds[n % 4],
                region=regions[n % 3],
                answers={str(question): int(SCALE_VALUES[n % 5])},
            )
            for n, person in enumerate(respondents)
        ]
    )


def more_questions(world):
    """More questions of each kind: the form grows, not its queries."""
    edition = _edition(world)
    factories.questionnaire(edition)
    factories.questionnaire(edition)


PAGES = {
    "assembly.questionnaire": Page(
        "m", "/assemblee/{questionnaire_year}/questionnaire", more_questions, 7
    ),
    "assembly.questionnaire_results": Page(
        "A", "/assemblee/{questionnaire_year}/questionnaire/resultats", many_responses, 6
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
