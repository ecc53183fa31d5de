"""Joining and leaving communities, the member list, and appointing facilitators."""

from __future__ import annotations

from sqlalchemy import select

from portal.core.extensions import db
from portal.spaces.models import Membership
from tests import factories
from tests.spaces.conftest import person


def role(app, space, user) -> str | None:
    from portal.spaces.services import role_in

    with app.app_context():
        return role_in(user.id, space.id)


def test_joining_a_cohort_without_an_invitation_is_refused(app, viewer, cohort):
    admin = person(role="admin")
    assert viewer(admin).post(f"/spaces/{cohort.slug}/join").status_code == 403
    assert viewer(person()).post(f"/spaces/{cohort.slug}/join").status_code == 404
    assert role(app, cohort, admin) is None


def test_an_unconfirmed_member_cannot_join_a_community(app, viewer, community):
    unconfirmed = person(confirmed=False)
    client = viewer(unconfirmed)
    page = client.get(f"/spaces/{community.slug}").get_data(as_text=True)
    assert "Confirm your email address to join this community." in page
    assert client.post(f"/spaces/{community.slug}/join").status_code == 403
    assert role(app, community, unconfirmed) is None


def test_a_member_joins_and_leaves_a_community_in_one_click(app, viewer, community):
    member = person()
    client = viewer(member)
    page = client.get(f"/spaces/{community.slug}").get_data(as_text=True)
    assert f'action="/spaces/{community.slug}/join"' in page
    response = client.post(f"/spaces/{community.slug}/join")
    assert response.headers["Location"] == f"/spaces/{community.slug}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Welcome to “Mise en récit”." in page
    assert f'action="/spaces/{community.slug}/leave"' in page
    assert role(app, community, member) == "member"
    # A second click (double submit) is harmless.
    assert client.post(f"/spaces/{community.slug}/join").status_code == 302
    response = client.post(f"/spaces/{community.slug}/leave")
    assert response.headers["Location"] == "/spaces"
    assert role(app, community, member) is None
    assert client.post(f"/spaces/{community.slug}/leave").status_code == 302


def test_facilitators_do_not_leave_in_one_click(app, viewer, community):
    facilitator = person()
    factories.membership(community, facilitator, role="facilitator")
    client = viewer(facilitator)
    assert f"/spaces/{community.slug}/leave" not in client.get(f"/spaces/{community.slug}").text
    assert client.post(f"/spaces/{community.slug}/leave").status_code == 403
    assert role(app, community, facilitator) == "facilitator"


def test_members_are_visible_to_members_only(app, viewer, community):
    member = person(display_name="Léa Martin")
    factories.membership(community, member)
    outsider = viewer(person())
    page = outsider.get(f"/spaces/{community.slug}").get_data(as_text=True)
    assert "Léa Martin" not in page
    assert outsider.get(f"/spaces/{community.slug}/members").status_code == 403
    inside = viewer(member)
    assert "Léa Martin" in inside.get(f"/spaces/{community.slug}").get_data(as_text=True)
    listing = inside.get(f"/spaces/{community.slug}/members").get_data(as_text=True)
    assert "Léa Martin" in listing and "1 person in this space." in listing


def test_the_member_list_shows_facilitators_first_and_is_paginated(app, viewer, community):
    viewer_member = person(display_name="Aaron Premier")
    factories.membership(community, viewer_member)
    facilitator = person(display_name="Zoé Facilitatrice")
    factories.membership(community, facilitator, role="facilitator")
    for n in range(55):
        factories.membership(community, factories.user(display_name=f"Membre {n:02d}"))
    client = viewer(viewer_member)
    first = client.get(f"/spaces/{community.slug}/members").get_data(as_text=True)
    assert first.index("Zoé Facilitatrice") < first.index("Aaron Premier")
    assert "57 people in this space." in first
    second = client.get(f"/spaces/{community.slug}/members?page=2").get_data(as_text=True)
    assert "Membre 54" in second and "Membre 00" not in second
    assert client.get(f"/spaces/{community.slug}/members?page=3").status_code == 404
    assert client.get(f"/spaces/{community.slug}/members?page=abc").status_code == 404
    space_page = client.get(f"/spaces/{community.slug}").get_data(as_text=True)
    assert "See all members (33 more)" in space_page


def test_an_administrator_appoints_and_removes_facilitators_by_email(app, viewer, cohort):
    admin = viewer(person(role="admin"))
    claire = person(email="claire@example.org", display_name="Claire Facilitatrice")
    unknown = admin.post(f"/spaces/{cohort.slug}/facilitators", data={"email": "nobody@ex.org"})
    assert "No account has this address." in unknown.get_data(as_text=True)
    invalid = admin.post(f"/spaces/{cohort.slug}/facilitators", data={"email": "x" * 300})
    assert "at most 254 characters" in invalid.get_data(as_text=True)
    response = admin.post(
        f"/spaces/{cohort.slug}/facilitators", data={"email": " Claire@Example.org "}
    )
    assert response.headers["Location"] == f"/spaces/{cohort.slug}/facilitators"
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Claire Facilitatrice now facilitates this space." in page
    assert role(app, cohort, claire) == "facilitator"
    again = admin.post(f"/spaces/{cohort.slug}/facilitators", data={"email": claire.email})
    assert "already facilitates" in admin.get(again.headers["Location"]).get_data(as_text=True)
    removed = admin.post(f"/spaces/{cohort.slug}/facilitators/{claire.id}/remove")
    assert removed.status_code == 302
    assert role(app, cohort, claire) == "member"
    # Removing someone who does not facilitate is a 404, not a silent success.
    assert admin.post(f"/spaces/{cohort.slug}/facilitators/{claire.id}/remove").status_code == 404
    assert admin.post(f"/spaces/{cohort.slug}/facilitators/999999/remove").status_code == 404


def test_a_deleted_account_cannot_be_appointed(app, viewer, cohort):
    gone = factories.deleted_user()
    admin = viewer(person(role="admin"))
    response = admin.post(f"/spaces/{cohort.slug}/facilitators", data={"email": gone.email})
    assert response.status_code == 200 and 'class="field-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Membership)).all() == []


def test_a_visitor_whose_login_ended_comes_back_to_the_space_after_logging_in(viewer, community):
    response = viewer(None).post(f"/spaces/{community.slug}/join")
    assert response.headers["Location"] == f"/auth/login?next=/spaces/{community.slug}"
