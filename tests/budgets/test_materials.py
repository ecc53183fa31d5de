"""Budgets of the materials' list pages: a space's materials and the alliance library."""

from __future__ import annotations

import pytest

from portal.materials.constants import LIBRARY_PER_PAGE, MATERIALS_PER_PAGE
from tests import factories
from tests.budgets.helpers import Page, materials, meetings, more_than_a_page, space


def more_space_materials(world):
    """Pages of the cohort's materials, some for its sessions, some shared more widely."""
    cohort = space(world.args["slug"])
    sessions = meetings(cohort, 3, registrants=0)
    count = more_than_a_page(MATERIALS_PER_PAGE)
    materials(cohort, count // 2)
    materials(cohort, count // 4, visibility="allies", meeting=sessions[0])
    materials(cohort, count // 4, visibility="public", meeting=sessions[1])


def a_shared_material(world):
    """One material of the library that everyone may see, shared by a space (whose name
    the list shows to those who may see the space: a query the small list must run too)."""
    factories.material(
        space(world.args["community_slug"]),
        visibility="public",
        url="https://example.org/guide",
        theme="energy",
    )


def more_library(world):
    """Pages of shared materials: the library's own, and spaces' ones shared with allies."""
    count = more_than_a_page(LIBRARY_PER_PAGE)
    materials(None, count // 2, visibility="public")
    materials(space(world.args["community_slug"]), count // 2, visibility="allies")
    materials(space(world.args["slug"]), 5, visibility="public")


def library(persona: str, query: str = "", budget: int = 6) -> Page:
    """The library as `persona` sees it, filtered by `query`."""
    return Page(persona, f"/resources{query}", more_library, budget, setup=a_shared_material)


PAGES = {
    "materials.space_materials (member)": Page(
        "m", "/spaces/{slug}/materials", more_space_materials, 7
    ),
    "materials.space_materials (facilitator)": Page(
        "f", "/spaces/{slug}/materials", more_space_materials, 7
    ),
    "materials.library (anonymous)": library("a", budget=4),
    "materials.library (member)": library("m"),
    "materials.library (theme)": library("m", "?theme=energy"),
    "materials.library (links)": library("m", "?family=link"),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
