"""Who may see, write, edit, publish and mark experiences: refused cases first, then the matrix."""

import pytest

from tests import factories
from tests.helpers import post_form

VIEWERS = ("anonymous", "ally", "author", "signatory", "admin")


def test_a_member_cannot_write_for_an_organisation_they_do_not_belong_to(
    as_viewer, people, count_queries
):
    viewer = as_viewer(people["ally"])
    response = post_form(
        viewer,
        "/experiences/new",
        {"organisation": people["organisation"].id, "title": "Usurpé", "region": "bretagne"},
    )
    # The choices are the viewer's own organisations: another one is refused by the form.
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert "Usurpé" not in viewer.get("/experiences").get_data(as_text=True)


def test_a_member_of_no_ally_cannot_open_the_form(as_viewer):
    loner = factories.user(organisation_id=factories.organisation().id)  # not validated
    assert as_viewer(loner).get("/experiences/new").status_code == 403


def test_an_unconfirmed_member_cannot_write(as_viewer, people):
    unconfirmed = factories.user(organisation_id=people["organisation"].id, confirmed=False)
    assert as_viewer(unconfirmed).get("/experiences/new").status_code == 403


def test_nobody_edits_someone_elses_experience(as_viewer, people, published):
    viewer = as_viewer(people["ally"])
    assert viewer.get(f"/experiences/{published.id}/edit").status_code == 403
    response = post_form(
        viewer, f"/experiences/{published.id}/edit", {"title": "Piraté", "region": "bretagne"}
    )
    assert response.status_code == 403
    assert "Piraté" not in viewer.get(f"/experiences/{published.id}").get_data(as_text=True)


def test_drafts_are_invisible_to_others(as_viewer, people, draft):
    for who in ("ally",):
        viewer = as_viewer(people[who])
        assert viewer.get(f"/experiences/{draft.id}").status_code == 404
        assert draft.title not in viewer.get("/experiences").get_data(as_text=True)
    assert as_viewer(None).get(f"/experiences/{draft.id}").status_code == 302


def test_publishing_without_the_required_parts_is_refused(as_viewer, people):
    incomplete = factories.experience(
        people["organisation"], author=people["author"], status="draft", lessons="", fundamentals=()
    )
    viewer = as_viewer(people["author"])
    page = viewer.get(f"/experiences/{incomplete.id}").get_data(as_text=True)
    assert "Before publishing, complete" in page and "At least one fundamental" in page
    response = post_form(viewer, f"/experiences/{incomplete.id}/publish", follow_redirects=True)
    assert "Complete the missing parts before publishing." in response.get_data(as_text=True)
    assert as_viewer(people["ally"]).get(f"/experiences/{incomplete.id}").status_code == 404


def test_authors_cannot_mark_their_own_experience_helpful(as_viewer, people, published):
    response = post_form(as_viewer(people["author"]), f"/experiences/{published.id}/helpful")
    assert response.status_code == 403


def test_the_contact_person_is_hidden_from_visitors(as_viewer, people):
    shown = factories.experience(
        people["organisation"],
        author=people["author"],
        visibility="public",
        contact_name="Claire Martin",
        contact_details="claire@malaunay.example",
    )
    assert "claire@malaunay.example" not in as_viewer(None).get(f"/experiences/{shown.id}").text
    assert (
        "claire@malaunay.example" in as_viewer(people["ally"]).get(f"/experiences/{shown.id}").text
    )


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ("list", dict(anonymous=200, ally=200, author=200, signatory=200, admin=200)),
        ("new", dict(anonymous=302, ally=200, author=200, signatory=200, admin=200)),
        ("draft", dict(anonymous=302, ally=404, author=200, signatory=200, admin=200)),
        ("draft_edit", dict(anonymous=302, ally=404, author=200, signatory=200, admin=200)),
        ("draft_attach", dict(anonymous=302, ally=404, author=200, signatory=200, admin=200)),
        ("allies", dict(anonymous=302, ally=200, author=200, signatory=200, admin=200)),
        ("allies_edit", dict(anonymous=302, ally=403, author=200, signatory=200, admin=200)),
        ("allies_attach", dict(anonymous=302, ally=403, author=200, signatory=200, admin=200)),
        ("public", dict(anonymous=200, ally=200, author=200, signatory=200, admin=200)),
    ],
)
def test_pages_answer_each_viewpoint(as_viewer, people, draft, published, public, route, expected):
    # The "ally" of another organisation may write for their own one: "new" answers 200.
    paths = {
        "list": "/experiences",
        "new": "/experiences/new",
        "draft": f"/experiences/{draft.id}",
        "draft_edit": f"/experiences/{draft.id}/edit",
        "draft_attach": f"/experiences/{draft.id}/attachments/new",
        "allies": f"/experiences/{published.id}",
        "allies_edit": f"/experiences/{published.id}/edit",
        "allies_attach": f"/experiences/{published.id}/attachments/new",
        "public": f"/experiences/{public.id}",
    }
    for who in VIEWERS:
        status = as_viewer(people[who]).get(paths[route]).status_code
        assert status == expected[who], (who, route, status)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("publish", dict(anonymous=302, ally=404, author=302, signatory=302, admin=302)),
        ("unpublish", dict(anonymous=302, ally=403, author=302, signatory=302, admin=302)),
        ("helpful", dict(anonymous=302, ally=302, author=403, signatory=302, admin=302)),
    ],
)
def test_actions_answer_each_viewpoint(as_viewer, people, action, expected):
    for who in VIEWERS:
        status = "draft" if action == "publish" else "published"
        target = factories.experience(
            people["organisation"], author=people["author"], status=status
        )
        response = post_form(as_viewer(people[who]), f"/experiences/{target.id}/{action}")
        assert response.status_code == expected[who], (who, action, response.status_code)
        if expected[who] == 302 and who != "anonymous":
            assert f"/experiences/{target.id}" in response.headers["Location"]


def test_unknown_experiences_are_404(as_viewer, people):
    viewer = as_viewer(people["admin"])
    assert viewer.get("/experiences/999999").status_code == 404
    assert viewer.get("/experiences/abc").status_code == 404


def test_drafts_are_listed_for_their_author_and_the_organisations_signatory(
    as_viewer, people, draft
):
    for who, listed in (
        ("author", True),
        ("signatory", True),
        ("ally", False),
        ("anonymous", False),
    ):
        page = as_viewer(people[who]).get("/experiences").get_data(as_text=True)
        assert (draft.title in page) is listed, who
