"""Budgets of the materials' list pages: a space's materials and the alliance library."""

from __future__ import annotations

import pytest

from portal.materials.constants import LIBRARY_PER_PAGE, MATERIALS_PER_PAGE, QUEUE_PER_PAGE
from tests import factories
from tests.budgets.helpers import (
    Page,
    add_rows,
    materials,
    meetings,
    more_than_a_page,
    people,
    space,
)


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


def _report(resource, count: int) -> None:
    """`count` reports of `resource`, each by someone else."""
    from portal.materials.models import MaterialReport

    add_rows(
        [
            MaterialReport(material_id=resource.id, user_id=person.id, reason="Lien cassé.")
            for person in people(count)
        ]
    )


def a_waiting_resource(world):
    """One resource waiting for moderation, credited to an organisation, reported once,
    and one reported published resource: every part of the queue shows something."""
    organisation = factories.organisation()
    author = factories.signed_ally(organisation=organisation)
    waiting = factories.shared_resource(author, organisation=organisation, fundamentals=("value",))
    _report(waiting, 1)
    _report(factories.shared_resource(status="published"), 1)


def more_waiting_resources(world):
    """Pages of waiting resources by different allies and organisations, with reports,
    and more reported published resources."""
    for index in range(more_than_a_page(QUEUE_PER_PAGE)):
        organisation = factories.organisation()
        author = factories.signed_ally(organisation=organisation)
        resource = factories.shared_resource(
            author, organisation=organisation, fundamentals=("value", "cooperation")
        )
        if index % 3 == 0:
            _report(resource, 2)
    for _ in range(5):
        _report(factories.shared_resource(status="published", fundamentals=("systemic",)), 2)


def more_of_my_resources(world):
    """Pages of the member's own resources, in every state, credited or not."""
    member = world.person("m")
    states = ("pending", "published", "declined")
    for index in range(more_than_a_page(QUEUE_PER_PAGE)):
        factories.shared_resource(member, status=states[index % 3])


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
    "materials.moderation (admin)": Page(
        "A", "/resources/moderation", more_waiting_resources, 9, setup=a_waiting_resource
    ),
    "materials.my_resources (member)": Page("m", "/resources/mine", more_of_my_resources, 6),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
