"""Budgets of the search results, for every kind of result and each kind alone."""

from __future__ import annotations

import pytest

from portal.search.views import PER_PAGE
from tests.budgets.helpers import Page, members, more_than_a_page, space
from tests.search import builders


def more_results(world):
    """Pages of results of every kind, each by a different author: threads in the member's
    spaces, shared materials, experiences of different allies."""
    count = more_than_a_page(PER_PAGE) // 3
    cohort, community = space(world.args["slug"]), space(world.args["community_slug"])
    for n, author in enumerate(members(community, count)):
        builders.thread(
            cohort if n % 2 else community, title=f"Bonjour {n}", body="Bonjour", author=author
        )
        builders.material(community, title=f"Bonjour {n}", visibility="allies")
        builders.experience(title=f"Bonjour {n}", visibility="public" if n % 2 else "allies")


def one_of_each(world):
    """A public material and experience besides the world's thread: every kind has a result."""
    builders.material(space(world.args["community_slug"]), title="Bonjour", visibility="public")
    builders.experience(title="Bonjour", visibility="public")


def results(persona: str, query: str, budget: int) -> Page:
    """The results of `query` as `persona` sees them."""
    return Page(persona, f"/search?q={query}", more_results, budget, setup=one_of_each)


PAGES = {
    "search.results (anonymous)": results("a", "bonjour", 3),
    "search.results (member)": results("m", "bonjour", 4),
    "search.results (posts)": results("m", "bonjour&type=post", 4),
    "search.results (materials)": results("m", "bonjour&type=material", 4),
    "search.results (experiences)": results("m", "bonjour&type=experience", 4),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
