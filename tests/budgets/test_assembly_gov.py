"""Budgets of the governance page, the list of editions and an edition's page."""

from __future__ import annotations

import pytest

from tests import factories
from tests.budgets.helpers import Page, meetings, space


def more_governance(world):
    """Editions, a board with organisations, documents of several editions."""
    # Years the factory never picks for the world's own edition (it takes 2000–2999).
    for year in range(1980, 1992):
        edition = factories.assembly_edition(year, phase="results")
        factories.governance_document(kind="report", edition=edition)
        factories.board_member(role="member", organisation=factories.organisation())


def busy_edition(world):
    """The world's edition gets sessions with registrants in its space, and documents."""
    from sqlalchemy import select

    from portal.assembly.models import AssemblyEdition
    from portal.core.extensions import db

    with factories.context():
        edition = db.session.scalar(
            select(AssemblyEdition).where(AssemblyEdition.year == world.args["year"])
        )
        slug = edition.space.slug
    meetings(space(slug), 8, registrants=3)
    for kind in ("report", "orientations", "minutes"):
        factories.governance_document(kind=kind, edition=edition)


PAGES = {
    "assembly.governance": Page("a", "/gouvernance", more_governance, 6),
    "assembly.governance (admin)": Page("A", "/gouvernance", more_governance, 6),
    "assembly.editions": Page("a", "/assemblee", more_governance, 3),
    "assembly.edition": Page("a", "/assemblee/{year}", busy_edition, 6),
    "assembly.edition (member)": Page("m", "/assemblee/{year}", busy_edition, 6),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
