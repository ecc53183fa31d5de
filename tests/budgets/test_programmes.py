"""Budgets of the dispositifs' pages: the catalogue (with each filter), a dispositif's page,
the timeline and the administrators' queue of proposals."""

from __future__ import annotations

from datetime import date

import pytest

from portal.programmes.constants import PER_PAGE, PROGRAMME_KINDS, PROPOSALS_PER_PAGE
from tests import factories
from tests.budgets.helpers import Page, members, more_than_a_page

KINDS = list(PROGRAMME_KINDS)
REGIONS = ("bretagne", "occitanie", "hauts-de-france")


def more_programmes(world):
    """Pages of dispositifs of every kind and region, each run by two spaces of its own
    (communities for the learning communities), with facilitators; every other cohort
    journey has a call open on its first edition."""
    for n in range(more_than_a_page(PER_PAGE)):
        kind = KINDS[n % len(KINDS)]
        space_kind = "community" if kind == "learning_community" else "cohort"
        spaces = [factories.space(kind=space_kind) for _ in range(2)]
        factories.programme(
            kind=kind,
            regions=[REGIONS[n % 3]],
            audience_kinds=["collectivite", "association"],
            starts_on=date(2025 + n % 3, 1, 1),
            editions=spaces,
        )
        if space_kind == "cohort" and n % 2:
            factories.call_for(spaces[0])


def a_programme(world):
    """One running dispositif that every filter measured keeps (the world's is upcoming)."""
    factories.programme(
        kind="learning_community",
        regions=["bretagne"],
        audience_kinds=["collectivite"],
        starts_on=date(2025, 1, 1),
        ends_on=None,
        editions=(factories.space(kind="community"),),
    )


def busy_programme(world):
    """The world's dispositif gets more editions, each with facilitators and members."""
    from portal.core.extensions import db
    from portal.programmes import services

    with factories.context():
        programme = services.load_programme(world.args["programme_slug"])
        for _ in range(6):
            made = factories.space()
            members(made, 4, facilitators=2)
            services.add_edition(programme, db.session.merge(made))
        db.session.commit()


def more_milestones(world):
    """Years of milestones and dispositifs for the timeline."""
    for year in range(2018, 2031):
        factories.milestone(happened_on=date(year, 3, 1))
        factories.milestone(happened_on=date(year, 10, 1), url="https://example.org/a")
    more_programmes(world)


def more_proposals(world):
    """Pages of proposals, each by its own proposer, some asked a question."""
    for n in range(more_than_a_page(PROPOSALS_PER_PAGE)):
        factories.proposal(factories.user(), state="question_asked" if n % 3 == 0 else "submitted")


def catalogue(persona: str, query: str = "", budget: int = 5) -> Page:
    """/dispositifs as `persona` sees it, with the filters of `query`."""
    return Page(persona, f"/dispositifs{query}", more_programmes, budget, setup=a_programme)


#: Every page showing statuses asks the calls once which editions are open (the status
#: filter twice: once to filter, once for the cards shown).
PAGES = {
    "programmes.list (anonymous)": catalogue("a"),
    "programmes.list (member)": catalogue("m", budget=7),
    "programmes.list (admin)": catalogue("A", budget=6),
    "programmes.list (kind)": catalogue("a", "?kind=learning_community"),
    "programmes.list (status)": catalogue("a", "?status=running", budget=7),
    "programmes.list (audience)": catalogue("a", "?audience=collectivite"),
    "programmes.list (region)": catalogue("a", "?region=bretagne"),
    "programmes.show": Page("a", "/dispositifs/{programme_slug}", busy_programme, 5),
    "programmes.show (facilitator)": Page("f", "/dispositifs/{programme_slug}", busy_programme, 7),
    "programmes.frise": Page("a", "/dispositifs/frise", more_milestones, 3),
    "programmes.proposals_queue": Page("A", "/dispositifs/propositions", more_proposals, 4),
    "programmes.proposals_queue (all)": Page(
        "A", "/dispositifs/propositions?show=all", more_proposals, 4
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
