"""Budgets of the vote's pages: the voter's ballots and the results with the minutes."""

from __future__ import annotations

import pytest

from tests import factories
from tests.budgets.helpers import Page


def _edition(year: int):
    """The world's edition of `year`, detached."""
    from sqlalchemy import select

    from portal.assembly.models import AssemblyEdition
    from portal.core.extensions import db

    with factories.context():
        found = db.session.scalar(select(AssemblyEdition).where(AssemblyEdition.year == year))
        db.session.expunge(found)
        return found


def more_items(edition) -> None:
    """Motions and elections with candidates on the edition's ballot."""
    for n in range(6):
        factories.vote_item(edition, title=f"Resolution {n}")
        election = factories.vote_item(edition, kind="election", seats=2, title=f"Board {n}")
        for _ in range(3):
            factories.candidacy(election, factories.user())


def busy_ballot(world):
    """The open vote gets many motions and elections; the member's voice is cast on some."""
    more_items(_edition(world.args["vote_year"]))


def busy_results(world):
    """The closed vote had many motions and elections, and minutes."""
    from portal.assembly.vote.models import Minutes
    from portal.core.extensions import db

    edition = _edition(world.args["vote_closed_year"])
    more_items(edition)
    with factories.context():
        db.session.add(Minutes(edition_id=edition.id, body="# Procès-verbal\n\nAdopted."))
        db.session.commit()


PAGES = {
    "assembly.vote (member)": Page("m", "/assemblee/{vote_year}/vote", busy_ballot, 14),
    "assembly.vote (admin)": Page("A", "/assemblee/{vote_year}/vote", busy_ballot, 14),
    "assembly.results": Page(
        "a", "/assemblee/{vote_closed_year}/resultats", busy_results, 9, warm_up=True
    ),
    "assembly.vote_prepare": Page("A", "/assemblee/{vote_year}/vote/preparer", busy_ballot, 10),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
