"""Budgets of the assembly's contributions: the list in each order and with each filter,
and a contribution's page (its supporters' organisations, its comments)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.assembly.contributions.constants import PER_PAGE
from portal.assembly.models import AssemblyEdition
from portal.core.extensions import db
from portal.forums.models import Thread
from tests import factories
from tests.budgets.helpers import Page, more_than_a_page

FUNDAMENTALS = ("engagement", "systemic", "cooperation", "value")


def _edition(world):
    with factories.context():
        return factories.save(
            db.session.scalar(
                select(AssemblyEdition).where(AssemblyEdition.year == world.args["year"])
            )
        )


def _comment(contribution, author, count: int = 1) -> None:
    with factories.context():
        thread = db.session.get(Thread, contribution.thread_id)
        for _ in range(count):
            factories.post(thread, author)


def more_contributions(world):
    """Pages of contributions by different signatories (alone or for their organisation),
    on every fundamental, with themes, supporters from several organisations, comments."""
    edition = _edition(world)
    supporters = [
        factories.signed_ally(organisation=factories.organisation()) for _ in range(3)
    ] + [factories.signed_ally()]
    for n in range(more_than_a_page(PER_PAGE)):
        organisation = factories.organisation() if n % 2 else None
        author = factories.signed_ally(organisation=organisation)
        item = factories.contribution(
            edition,
            author,
            organisation=organisation,
            fundamental=FUNDAMENTALS[n % 4],
        )
        with factories.context():
            from portal.assembly.contributions.models import Contribution
            from portal.experiences.themes import themes_by_keys

            db.session.get(Contribution, item.id).themes = themes_by_keys(
                ["energy", "food"] if n % 3 else ["mobility"]
            )
            db.session.commit()
        for person in supporters[: n % 5]:
            factories.contribution_support(item, person)
        if n % 2:
            _comment(item, world.people["outsider"])


def a_supported_contribution(world):
    """Supporters from many organisations and a long discussion on the world's contribution."""
    from portal.assembly.contributions.models import Contribution

    with factories.context():
        item = factories.save(db.session.get(Contribution, world.args["contribution_id"]))
    for _ in range(12):
        factories.contribution_support(
            item, factories.signed_ally(organisation=factories.organisation())
        )
    _comment(item, world.people["outsider"], 8)


def one_support(world):
    """One supporter with an organisation and one comment: nothing on the page is empty."""
    from portal.assembly.contributions.models import Contribution

    with factories.context():
        item = factories.save(db.session.get(Contribution, world.args["contribution_id"]))
    factories.contribution_support(
        item, factories.signed_ally(organisation=factories.organisation())
    )
    _comment(item, world.people["outsider"])


def one_of_each_kind(world):
    """A contribution for an organisation, on a theme, that every filter lists."""
    from portal.assembly.contributions.models import Contribution
    from portal.experiences.themes import themes_by_keys

    organisation = factories.organisation()
    author = factories.signed_ally(organisation=organisation)
    item = factories.contribution(
        _edition(world), author, organisation=organisation, fundamental="value"
    )
    with factories.context():
        db.session.get(Contribution, item.id).themes = themes_by_keys(["energy"])
        db.session.commit()
    factories.contribution_support(item, world.people["member"])


def listing(persona: str, query: str = "", budget: int = 14) -> Page:
    """The contributions of the world's edition as `persona` sees them."""
    return Page(
        persona,
        "/assemblee/{year}/contributions" + query,
        more_contributions,
        budget,
        setup=one_of_each_kind,
    )


PAGES = {
    "assembly.contributions (member)": listing("m"),
    "assembly.contributions (outsider)": listing("o"),
    "assembly.contributions (most discussed)": listing("m", "?sort=discussed"),
    "assembly.contributions (newest)": listing("m", "?sort=newest"),
    "assembly.contributions (random)": listing("m", "?sort=random"),
    "assembly.contributions (fundamental)": listing("m", "?fundamental=value"),
    "assembly.contributions (theme)": listing("m", "?theme=energy"),
    "assembly.contributions (state)": listing("m", "?state=open"),
    "assembly.contribution": Page(
        "o",
        "/assemblee/{year}/contributions/{contribution_id}",
        a_supported_contribution,
        10,
        setup=one_support,
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
