"""Every materials route, for each of the six viewpoints: exactly the expected status."""

from __future__ import annotations

import pytest

from portal.core.extensions import db
from tests import factories
from tests.core import upload_samples as samples
from tests.helpers import post_form
from tests.materials.helpers import a_file

VIEWPOINTS = ("anonymous", "ally", "member", "other_facilitator", "facilitator", "admin")
LOGIN = 302  # visitors are sent to the login page
DONE = 302  # the action worked and redirects (POST/redirect/GET)


def statuses(anonymous, ally, member, other_facilitator, facilitator, admin) -> dict:
    """Expected status per viewpoint, in VIEWPOINTS order."""
    values = (anonymous, ally, member, other_facilitator, facilitator, admin)
    return dict(zip(VIEWPOINTS, values, strict=True))


def link_form(**extra) -> dict:
    """A valid new-link form."""
    return {"title": "Guide", "url": "https://example.org/guide", "visibility": "space", **extra}


# A cohort's "space" material: its members see it; strangers get a 404 (cohorts stay private).
COHORT_ROUTES = [
    ("GET", "/spaces/{slug}/materials", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("GET", "/spaces/{slug}/materials/new", None, statuses(LOGIN, 404, 403, 404, 200, 200)),
    ("POST", "/spaces/{slug}/materials/new", link_form, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("GET", "/materials/{id}", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("GET", "/materials/{id}/download", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("GET", "/materials/{id}/edit", None, statuses(LOGIN, 404, 403, 404, 200, 200)),
    ("POST", "/materials/{id}/edit", link_form, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("POST", "/materials/{id}/delete", dict, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("GET", "/resources", None, statuses(200, 200, 200, 200, 200, 200)),
]

# A community's "space" material posted by its member: any ally looks into the community,
# but only its members see the material; the member who posted it may edit it.
COMMUNITY_ROUTES = [
    ("GET", "/spaces/{slug}/materials", None, statuses(LOGIN, 200, 200, 200, 200, 200)),
    ("GET", "/spaces/{slug}/materials/new", None, statuses(LOGIN, 403, 200, 403, 200, 200)),
    (
        "POST",
        "/spaces/{slug}/materials/new",
        link_form,
        statuses(LOGIN, 403, DONE, 403, DONE, DONE),
    ),
    ("GET", "/materials/{id}", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("GET", "/materials/{id}/download", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("GET", "/materials/{id}/edit", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("POST", "/materials/{id}/edit", link_form, statuses(LOGIN, 404, DONE, 404, DONE, DONE)),
    ("POST", "/materials/{id}/delete", dict, statuses(LOGIN, 404, DONE, 404, DONE, DONE)),
]

# Wider audiences: "allies" opens to anyone signed in, "public" to everyone (read only).
AUDIENCE_ROUTES = [
    ("allies", "/materials/{id}", statuses(LOGIN, 200, 200, 200, 200, 200)),
    ("allies", "/materials/{id}/download", statuses(LOGIN, 200, 200, 200, 200, 200)),
    ("allies", "/materials/{id}/edit", statuses(LOGIN, 403, 403, 403, 200, 200)),
    ("public", "/materials/{id}", statuses(200, 200, 200, 200, 200, 200)),
    ("public", "/materials/{id}/download", statuses(200, 200, 200, 200, 200, 200)),
    ("public", "/materials/{id}/edit", statuses(LOGIN, 403, 403, 403, 200, 200)),
]


def request(client, method: str, path: str, form):
    """Send the request as a browser would (POSTs carry the session's CSRF token).

    The body is read and the response closed, so a served file is closed too.
    """
    if method == "GET":
        response = client.get(path)
    else:
        response = post_form(client, path, form() if form else {})
    response.get_data()
    response.close()
    return response


def cases(routes):
    """(route, viewpoint) pairs with readable ids."""
    return [
        pytest.param(route, who, id=f"{route[0]} {route[1]} as {who}")
        for route in routes
        for who in VIEWPOINTS
    ]


@pytest.mark.parametrize(("route", "who"), cases(COHORT_ROUTES))
def test_cohort_material_routes_answer_each_viewpoint_exactly(as_viewer, route, who):
    method, template, form, expected = route
    cohort = factories.space(title="Cohorte privée")
    people = factories.space_people(cohort)
    material = factories.material(cohort, poster=people["facilitator"], title="Notes internes")
    path = template.format(slug=cohort.slug, id=material.id)
    response = request(as_viewer(people[who]), method, path, form)
    assert response.status_code == expected[who]
    if expected[who] in (403, 404, LOGIN):
        body = response.get_data()
        assert b"Notes internes" not in body and factories.MATERIAL_TEXT not in body


@pytest.mark.parametrize(("route", "who"), cases(COMMUNITY_ROUTES))
def test_community_material_routes_answer_each_viewpoint_exactly(as_viewer, route, who):
    method, template, form, expected = route
    community = factories.space(title="Communauté", kind="community")
    people = factories.space_people(community)
    material = factories.material(community, poster=people["member"], title="Notes du groupe")
    path = template.format(slug=community.slug, id=material.id)
    response = request(as_viewer(people[who]), method, path, form)
    assert response.status_code == expected[who]
    if expected[who] != 200 or "/materials/new" in path:
        assert b"Notes du groupe" not in response.get_data()


@pytest.mark.parametrize(
    ("visibility", "template", "who"),
    [
        pytest.param(v, t, who, id=f"{v} {t} as {who}")
        for v, t, _expected in AUDIENCE_ROUTES
        for who in VIEWPOINTS
    ],
)
def test_shared_materials_open_to_their_audience_only(as_viewer, visibility, template, who):
    expected = next(e for v, t, e in AUDIENCE_ROUTES if (v, t) == (visibility, template))
    cohort = factories.space(title="Cohorte")
    people = factories.space_people(cohort)
    material = factories.material(cohort, poster=people["facilitator"], visibility=visibility)
    response = request(as_viewer(people[who]), "GET", template.format(id=material.id), None)
    assert response.status_code == expected[who]


def test_anonymous_visitors_are_sent_to_the_login_page_and_back(client):
    cohort = factories.space()
    material = factories.material(cohort, visibility="allies")
    response = client.get(f"/materials/{material.id}/download")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert f"materials%2F{material.id}%2Fdownload" in response.headers["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/materials/999999",
        "/materials/999999/download",
        "/materials/999999/edit",
        "/materials/abc",
        "/materials/-1/download",
        "/spaces/no-such-space/materials",
        "/spaces/no-such-space/materials/new",
    ],
)
def test_unknown_materials_and_spaces_are_404(as_viewer, path):
    assert as_viewer(factories.user(role="admin")).get(path).status_code == 404


def test_a_link_has_no_download(as_viewer):
    cohort = factories.space()
    people = factories.space_people(cohort)
    link = factories.material(cohort, url="https://example.org/guide")
    assert as_viewer(people["member"]).get(f"/materials/{link.id}/download").status_code == 404


def test_archived_spaces_are_read_only(app, as_viewer):
    from portal.core.db import utcnow

    cohort = factories.space(archived_at=utcnow())
    people = factories.space_people(cohort)
    material = factories.material(cohort, poster=people["facilitator"])
    for who in ("facilitator", "admin"):
        viewer = as_viewer(people[who])
        assert viewer.get(f"/materials/{material.id}").status_code == 200
        assert viewer.get(f"/materials/{material.id}/edit").status_code == 403
        assert post_form(viewer, f"/materials/{material.id}/delete").status_code == 403
        assert viewer.get(f"/spaces/{cohort.slug}/materials/new").status_code == 403
    with app.app_context():
        from portal.materials.models import Material

        assert db.session.get(Material, material.id) is not None


def test_posting_without_a_csrf_token_is_refused(as_viewer, cohort, stored_files):
    people = factories.space_people(cohort)
    before = stored_files()
    response = as_viewer(people["facilitator"]).post(
        f"/spaces/{cohort.slug}/materials/new",
        data={"title": "Sans jeton", "file": a_file("notes.txt", samples.TEXT)},
    )
    assert response.status_code == 400
    assert stored_files() == before
