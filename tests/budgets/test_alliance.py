"""Budgets of the alliance's list pages: the allies directory (with its filters), its CSV
export, an organisation's page."""

from __future__ import annotations

import pytest

from config import Config
from tests import factories
from tests.budgets.helpers import Page, more_than_a_page

REGIONS = ("bretagne", "normandie", "occitanie")


def more_allies(world):
    """Pages of allies of every kind and several regions, signed by a person or imported,
    for the current and the previous charter version; and organisations not yet allies."""
    for n in range(more_than_a_page(Config.ALLIES_PER_PAGE)):
        factories.ally(
            name=f"Alliée {n:03d} {factories.next_number()}",
            kind="collectivite" if n % 2 else "association",
            region=REGIONS[n % 3],
            signer=factories.user() if n % 3 else None,
            version=1 + n % 2,
        )
        factories.signature(organisation=factories.organisation(), status="pending")


def a_busy_ally(world):
    """The world's ally: signatures of every version by different people, many experiences."""
    organisation = _world_organisation(world)
    for version in (2, 3):
        factories.signature(organisation=organisation, signer=factories.user(), version=version)
    for _ in range(12):
        factories.experience(organisation, visibility="public")


def a_public_experience(world):
    """The world's ally publishes for everyone: visitors' list of its experiences has one."""
    factories.experience(_world_organisation(world), visibility="public")


def _world_organisation(world):
    """The world's ally organisation, detached."""
    from sqlalchemy import select

    from portal.alliance.models import Organisation
    from portal.core.extensions import db

    with factories.context():
        found = db.session.scalar(
            select(Organisation).where(Organisation.slug == world.args["organisation_slug"])
        )
        db.session.expunge(found)
        return found


def directory(query: str = "", budget: int = 4) -> Page:
    """The directory as a visitor sees it, filtered by `query`."""
    return Page("a", f"/allies{query}", more_allies, budget)


PAGES = {
    "alliance.directory": directory(),
    "alliance.directory (signed in)": Page("m", "/allies", more_allies, 5),
    "alliance.directory (name)": directory("?q=Alli"),
    "alliance.directory (kind)": directory("?kind=association"),
    "alliance.directory (region)": directory("?region=bretagne"),
    "alliance.export": Page("a", "/allies.csv", more_allies, 2),
    "alliance.organisation": Page(
        "a", "/allies/{organisation_slug}", a_busy_ally, 7, setup=a_public_experience
    ),
    "alliance.organisation (signed in)": Page("m", "/allies/{organisation_slug}", a_busy_ally, 8),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
