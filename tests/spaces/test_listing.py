"""/spaces and the space page: what shows, what never leaks, and a fixed number of queries."""

from __future__ import annotations

import pytest

from portal.core.db import utcnow
from tests import factories
from tests.spaces.conftest import person


def test_private_cohorts_never_leak_through_the_listing(app, viewer):
    mine = factories.space(title="Ma cohorte", kind="cohort")
    factories.space(title="Cohorte secrète", kind="cohort")
    factories.space(title="Communauté ouverte", kind="community")
    factories.space(title="Communauté archivée", kind="community", archived_at=utcnow())
    member = person()
    factories.membership(mine, member)
    for show in ("all", "mine", "joinable"):
        page = viewer(member).get(f"/spaces?show={show}").get_data(as_text=True)
        assert "Cohorte secrète" not in page
        assert "Communauté archivée" not in page
    everything = viewer(member).get("/spaces").get_data(as_text=True)
    assert everything.index("Ma cohorte") < everything.index("Communauté ouverte")
    mine_only = viewer(member).get("/spaces?show=mine").get_data(as_text=True)
    assert "Ma cohorte" in mine_only and "Communauté ouverte" not in mine_only
    joinable = viewer(member).get("/spaces?show=joinable").get_data(as_text=True)
    assert "Communauté ouverte" in joinable and "Ma cohorte" not in joinable
    # Administrators too: /spaces is what they belong to; /spaces/manage lists everything.
    admin_listing = viewer(person(role="admin")).get("/spaces").get_data(as_text=True)
    assert "Cohorte secrète" not in admin_listing


def test_the_listing_shows_roles_member_counts_and_join_buttons(app, viewer):
    facilitated = factories.space(title="Cohorte animée", kind="cohort")
    open_one = factories.space(title="Communauté ouverte", kind="community")
    facilitator = person()
    factories.membership(facilitated, facilitator, role="facilitator")
    for _ in range(3):
        factories.membership(open_one, factories.user())
    page = viewer(facilitator).get("/spaces").get_data(as_text=True)
    assert "You facilitate" in page
    assert "3 members" in page
    assert f'action="/spaces/{open_one.slug}/join"' in page
    assert f'action="/spaces/{facilitated.slug}/join"' not in page


@pytest.mark.parametrize("query", ["show=secret", "page=0", "page=-1", "page=abc", "page=99999"])
def test_bad_listing_parameters_are_404(viewer, query):
    assert viewer(person()).get(f"/spaces?{query}").status_code == 404


def test_the_listing_is_paginated(viewer):
    for n in range(30):
        factories.space(title=f"Communauté {n:02d}", kind="community")
    client = viewer(person())
    first = client.get("/spaces").get_data(as_text=True)
    assert "Communauté 00" in first and "Communauté 24" not in first
    second = client.get("/spaces?page=2").get_data(as_text=True)
    assert "Communauté 24" in second and 'rel="prev"' in second
    assert client.get("/spaces?page=3").status_code == 404


def listing_queries(client, count_queries, path) -> int:
    with count_queries() as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_space_page_loads_in_a_fixed_number_of_queries(app, viewer, count_queries):
    space = factories.space(title="Cohorte", kind="cohort")
    facilitator = person()
    factories.membership(space, facilitator, role="facilitator")
    client = viewer(facilitator)
    factories.meeting(space)
    factories.material(space, poster=facilitator)
    client.get(f"/spaces/{space.slug}")  # the first view notes the visit (spaces.visits)
    few = listing_queries(client, count_queries, f"/spaces/{space.slug}")
    for n in range(30):
        factories.membership(space, factories.user(), role="facilitator" if n < 3 else "member")
    for n in range(8):
        factories.meeting(space, starts_in_days=n + 1)
        factories.material(space, poster=facilitator)
    many = listing_queries(client, count_queries, f"/spaces/{space.slug}")
    assert many == few
    page = client.get(f"/spaces/{space.slug}").get_data(as_text=True)
    assert page.count('href="/meetings/') == 5
    assert page.count('href="/materials/') >= 5


def test_the_space_page_shows_sessions_and_the_materials_the_viewer_may_see(app, viewer):
    community = factories.space(title="Mise en récit", kind="community")
    factories.meeting(community, title="Atelier d'écriture")
    factories.material(community, title="Guide du récit")
    factories.material(community, title="Fiche pour tous", visibility="allies")
    outsider = viewer(person()).get(f"/spaces/{community.slug}").get_data(as_text=True)
    assert "Atelier d&#39;écriture" in outsider
    assert "Fiche pour tous" in outsider and "Guide du récit" not in outsider
    member = person()
    factories.membership(community, member)
    inside = viewer(member).get(f"/spaces/{community.slug}").get_data(as_text=True)
    assert "Guide du récit" in inside
    # The forum's latest discussions have their section (forums domain).
    assert "Discussions" in inside and f"/spaces/{community.slug}/forum" in inside
