"""Budgets of the home page, whose figures count the whole alliance."""

from __future__ import annotations

import pytest

from tests import factories
from tests.budgets.helpers import Page, members, space


def a_bigger_alliance(world):
    """More allies (signed in several ways), spaces and members: the figures grow, the
    queries do not."""
    for n in range(30):
        factories.ally(signer=factories.user() if n % 2 else None, version=1 + n % 2)
        factories.signature(signer=factories.user())
        factories.space(kind="community" if n % 2 else "cohort")
    members(space(world.args["community_slug"]), 20)


PAGES = {
    "site.home (anonymous)": Page("a", "/", a_bigger_alliance, 3),
    "site.home (member)": Page("m", "/", a_bigger_alliance, 5),
    "site.home (administrator)": Page("A", "/", a_bigger_alliance, 5),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
