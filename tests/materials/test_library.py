"""The alliance's resource library (/resources): audiences, filters, no leak, pages, queries."""

from __future__ import annotations

import re

import pytest

from tests import factories


def listed(response) -> list[str]:
    """The material titles listed on a page, in order."""
    return re.findall(
        r'<h2><a href="/materials/\d+">([^<]+)</a></h2>', response.get_data(as_text=True)
    )


@pytest.fixture
def library(cohort, community):
    """One material of each audience in a cohort and a community; returns the cohort's people."""
    people = factories.space_people(cohort)
    poster = people["facilitator"]
    factories.material(cohort, poster=poster, title="Cohort only", theme="energy")
    factories.material(cohort, poster=poster, title="Cohort to allies", visibility="allies")
    factories.material(
        cohort, poster=poster, title="Cohort public", visibility="public", theme="water"
    )
    factories.material(community, title="Community only")
    factories.material(
        community,
        title="Community link",
        visibility="allies",
        url="https://example.org/guide",
        theme="energy",
    )
    return people


# --- refused cases first ------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["anonymous", "ally", "member", "other_facilitator", "facilitator", "admin"]
)
def test_space_materials_never_appear_in_the_library_not_even_their_titles(as_viewer, library, who):
    page = as_viewer(library[who]).get("/resources")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Cohort only" not in html and "Community only" not in html


def test_visitors_see_only_public_resources(as_viewer, library):
    assert listed(as_viewer(None).get("/resources")) == ["Cohort public"]


def test_a_cohort_is_not_named_to_people_outside_it(as_viewer, cohort, library):
    ally_page = as_viewer(library["ally"]).get("/resources").get_data(as_text=True)
    assert "Cohort to allies" in ally_page
    assert cohort.title not in ally_page and f"/spaces/{cohort.slug}" not in ally_page
    member_page = as_viewer(library["member"]).get("/resources").get_data(as_text=True)
    assert f'<a href="/spaces/{cohort.slug}">{cohort.title}</a>' in member_page


def test_a_public_material_of_a_cohort_does_not_name_it_to_visitors(as_viewer, cohort, library):
    material_page = as_viewer(None).get("/resources").get_data(as_text=True)
    assert cohort.title not in material_page


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("theme=astrology", 200),
        ("family=executable", 200),
        ("theme=" + "x" * 5000 + "&family=%00", 200),
        ("page=abc", 404),
        ("page=0", 404),
        ("page=2", 404),
        ("page=" + "9" * 40, 404),
    ],
)
def test_invalid_filters_never_fail(as_viewer, library, query, status):
    response = as_viewer(library["ally"]).get(f"/resources?{query}")
    assert response.status_code == status
    if status == 200:
        # An invalid filter is reported and ignored: everything shared is listed.
        assert len(listed(response)) == 3
        assert 'aria-invalid="true"' in response.get_data(as_text=True)


# --- what works ---------------------------------------------------------------


def test_signed_in_members_see_what_is_shared_with_all_allies(as_viewer, library):
    assert sorted(listed(as_viewer(library["ally"]).get("/resources"))) == [
        "Cohort public",
        "Cohort to allies",
        "Community link",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=energy", ["Community link"]),
        ("theme=water", ["Cohort public"]),
        ("family=link", ["Community link"]),
        ("family=document", ["Cohort public", "Cohort to allies"]),
        ("family=image", []),
        ("theme=energy&family=document", []),
    ],
)
def test_filters_by_theme_and_type(as_viewer, library, query, expected):
    assert sorted(listed(as_viewer(library["ally"]).get(f"/resources?{query}"))) == expected


def test_pages_keep_the_filters(app, as_viewer, cohort):
    from portal.materials.constants import LIBRARY_PER_PAGE

    for number in range(LIBRARY_PER_PAGE + 3):
        factories.material(cohort, title=f"Fiche {number:02d}", visibility="public", theme="food")
    first = as_viewer(None).get("/resources?theme=food")
    assert len(listed(first)) == LIBRARY_PER_PAGE
    assert 'href="/resources?page=2&amp;theme=food"' in first.get_data(as_text=True)
    second = as_viewer(None).get("/resources?page=2&theme=food")
    assert len(listed(second)) == 3


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_library_loads_in_a_fixed_number_of_queries(as_viewer, cohort, count_queries, who):
    people = factories.space_people(cohort)
    viewer = as_viewer(people[who])
    factories.material(cohort, visibility="public")
    viewer.get("/resources")  # warm up (login record refresh)
    with count_queries() as few:
        assert viewer.get("/resources").status_code == 200
    for number in range(15):
        space = factories.space(kind="community" if number % 2 else "cohort")
        factories.membership(space, people["member"])
        factories.material(
            space,
            poster=factories.user(),
            visibility="allies" if number % 3 else "public",
            meeting=factories.meeting(space),
            url="https://example.org/" if number % 4 == 0 else None,
        )
    with count_queries() as many:
        assert viewer.get("/resources").status_code == 200
    assert len(many) == len(few)
