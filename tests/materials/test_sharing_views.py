"""Sharing a resource from /resources, moderating it, editing and reporting it: the pages."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.helpers import post_form
from tests.materials.helpers import a_file, load

LINK = {
    "title": "Guide des mobilités douces",
    "url": "https://example.org/mobilites",
    "description": "Un guide **pratique**.",
    "themes": ["mobility", "health"],
    "fundamentals": ["cooperation", "value"],
    "language": "fr",
    "organisation": "0",
    "visibility": "allies",
}


@pytest.fixture
def people():
    """An ally (signed for an organisation), a person who did not sign, a library editor,
    an administrator, and someone else signed in."""
    organisation = factories.organisation(name="Ville de Loos-en-Gohelle")
    return {
        "anonymous": None,
        "ally": factories.signed_ally(organisation=organisation),
        "unsigned": factories.user(),
        "editor": factories.user(is_library_editor=True),
        "admin": factories.user(role="admin"),
        "other": factories.signed_ally(),
        "organisation": organisation,
    }


def share(viewer, **changes):
    """Post the sharing form (a link by default)."""
    return post_form(viewer, "/resources/share", {**LINK, **changes})


def shared_by(people, status="pending", **fields):
    """A resource the ally shared."""
    return factories.shared_resource(people["ally"], status=status, **fields)


# --- refused cases first ------------------------------------------------------


def test_visitors_log_in_before_sharing(as_viewer):
    response = as_viewer(None).get("/resources/share")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_someone_who_did_not_sign_the_charter_is_told_how_to_share(app, as_viewer, people):
    viewer = as_viewer(people["unsigned"])
    page = viewer.get("/resources/share")
    assert page.status_code == 403
    assert "/charter" in page.get_data(as_text=True)
    assert share(viewer).status_code == 403
    assert load_titles(app) == []


def test_a_form_with_mistakes_is_shown_again_and_nothing_is_saved(app, as_viewer, people):
    viewer = as_viewer(people["ally"])
    for changes in ({"title": ""}, {"url": "javascript:alert(1)"}, {"url": ""}):
        response = share(viewer, **changes)
        assert response.status_code == 200
        assert 'class="error-summary"' in response.get_data(as_text=True)
    both = share(viewer, file=a_file("guide.md", b"# Guide\n"))
    assert "either a file or a link" in both.get_data(as_text=True)
    assert load_titles(app) == []


def test_only_an_organisation_one_signed_for_may_be_credited(app, as_viewer, people):
    stranger = factories.ally()
    response = share(as_viewer(people["ally"]), organisation=str(stranger.id))
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    assert load_titles(app) == []


@pytest.mark.parametrize("who", ["anonymous", "unsigned", "other"])
def test_a_waiting_resource_is_hidden_from_others(as_viewer, people, who):
    resource = shared_by(people)
    response = as_viewer(people[who]).get(f"/materials/{resource.id}")
    assert response.status_code == (302 if who == "anonymous" else 404)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("unsigned", 403), ("ally", 403), ("other", 403)],
)
def test_only_moderators_open_the_queue(as_viewer, people, who, status):
    assert as_viewer(people[who]).get("/resources/moderation").status_code == status


@pytest.mark.parametrize("who", ["ally", "other", "unsigned"])
def test_only_moderators_publish(app, as_viewer, people, who):
    resource = shared_by(people)
    response = post_form(as_viewer(people[who]), f"/resources/{resource.id}/publish")
    assert response.status_code == 403
    assert load(app, resource.id).status == "pending"


@pytest.mark.parametrize("who", ["other", "editor", "admin"])
def test_only_the_author_edits_a_shared_resource_there(as_viewer, people, who):
    resource = shared_by(people, status="published")
    assert as_viewer(people[who]).get(f"/resources/{resource.id}/edit").status_code == 403


def test_the_author_does_not_report_their_own_resource(as_viewer, people):
    resource = shared_by(people, status="published")
    viewer = as_viewer(people["ally"])
    assert viewer.get(f"/resources/{resource.id}/report").status_code == 403
    assert "Report this resource" not in viewer.get(f"/materials/{resource.id}").get_data(
        as_text=True
    )


def test_a_decline_needs_a_reason(app, as_viewer, people, outbox):
    resource = shared_by(people)
    response = post_form(
        as_viewer(people["admin"]), f"/resources/{resource.id}/decline", {"reason": "Non"}
    )
    assert response.status_code == 200 and 'class="error-summary"' in response.get_data(
        as_text=True
    )
    assert load(app, resource.id).status == "pending" and outbox() == []


def test_members_cannot_make_library_editors(app, as_viewer, people):
    target = people["other"]
    response = post_form(
        as_viewer(people["editor"]), f"/admin/people/{target.id}/library-editor", {"grant": "yes"}
    )
    assert response.status_code == 403
    assert not load_user(app, target.id).is_library_editor


# --- the journey ----------------------------------------------------------------


def test_an_ally_shares_a_link_which_waits_for_moderation(app, as_viewer, people):
    viewer = as_viewer(people["ally"])
    form = viewer.get("/resources/share").get_data(as_text=True)
    assert "Ville de Loos-en-Gohelle" in form
    response = share(viewer, organisation=str(people["organisation"].id))
    assert response.status_code == 302
    page = viewer.get(response.location).get_data(as_text=True)
    assert "Guide des mobilités douces" in page and "waits for a moderator" in page
    assert "Ville de Loos-en-Gohelle" in page and "Cooperation" in page
    assert "Mobility, Health" in page
    assert "Guide des mobilités douces" not in viewer.get("/resources").get_data(as_text=True)
    form = viewer.get(response.location.replace("/materials/", "/resources/") + "/edit")
    [health] = re.findall(r'<input[^>]*value="health"[^>]*>', form.get_data(as_text=True))
    assert "checked" in health
    mine = viewer.get("/resources/mine").get_data(as_text=True)
    assert "Guide des mobilités douces" in mine and "Waiting for moderation" in mine


def test_an_ally_shares_a_small_file(app, as_viewer, people):
    viewer = as_viewer(people["ally"])
    response = share(viewer, url="", file=a_file("guide.md", b"# Guide\n\nDes conseils.\n"))
    assert response.status_code == 302
    [title] = load_titles(app)
    assert title == "Guide des mobilités douces"


def test_the_library_offers_sharing_to_people_signed_in(as_viewer, people):
    assert "/resources/share" in as_viewer(people["unsigned"]).get("/resources").get_data(
        as_text=True
    )
    assert "/resources/share" not in as_viewer(None).get("/resources").get_data(as_text=True)


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_a_moderator_publishes_and_the_author_is_told(app, as_viewer, people, outbox, who):
    resource = shared_by(people, title="Atlas des fermes", organisation=people["organisation"])
    viewer = as_viewer(people[who])
    queue = viewer.get("/resources/moderation").get_data(as_text=True)
    assert "Atlas des fermes" in queue
    response = post_form(viewer, f"/resources/{resource.id}/publish")
    assert response.status_code == 302
    assert load(app, resource.id).status == "published"
    library = as_viewer(people["unsigned"]).get("/resources").get_data(as_text=True)
    assert "Atlas des fermes" in library and "Ville de Loos-en-Gohelle" in library
    [email] = outbox()
    assert email["recipient"] == people["ally"].email
    assert email["template"] == "materials/resource_published"
    # Posted twice (two moderators at once): one decision, one email.
    post_form(viewer, f"/resources/{resource.id}/publish")
    assert len(outbox()) == 1


def test_a_moderator_declines_with_a_reason_the_author_reads(app, as_viewer, people, outbox):
    resource = shared_by(people)
    response = post_form(
        as_viewer(people["editor"]),
        f"/resources/{resource.id}/decline",
        {"reason": "Ce document est déjà dans la bibliothèque."},
    )
    assert response.status_code == 302
    assert load(app, resource.id).status == "declined"
    [email] = outbox()
    assert "déjà dans la bibliothèque" in email["body_text"]
    mine = as_viewer(people["ally"]).get("/resources/mine").get_data(as_text=True)
    assert "Declined" in mine and "déjà dans la bibliothèque" in mine


def test_the_author_edits_a_published_resource_and_it_waits_again(app, as_viewer, people):
    resource = shared_by(people, title="Guide", status="published")
    viewer = as_viewer(people["ally"])
    # The material edit page sends the author to the resource's own edit page.
    redirected = viewer.get(f"/materials/{resource.id}/edit")
    assert redirected.status_code == 302 and redirected.location.endswith(
        f"/resources/{resource.id}/edit"
    )
    form = viewer.get(f"/resources/{resource.id}/edit").get_data(as_text=True)
    assert 'value="Guide"' in form and "waits for a moderator again" in form
    response = post_form(
        viewer,
        f"/resources/{resource.id}/edit",
        {**LINK, "title": "Guide, édition 2", "url": "https://example.org/v2"},
    )
    assert response.status_code == 302
    edited = load(app, resource.id)
    assert edited.status == "pending" and edited.title == "Guide, édition 2"
    assert "Guide" not in as_viewer(people["other"]).get("/resources").get_data(as_text=True)


def test_anyone_signed_in_reports_a_resource_once_and_moderators_read_it(app, as_viewer, people):
    resource = shared_by(people, title="Carte des pistes", status="published")
    viewer = as_viewer(people["unsigned"])
    assert "Report this resource" in viewer.get(f"/materials/{resource.id}").get_data(as_text=True)
    path = f"/resources/{resource.id}/report"
    assert post_form(viewer, path, {"reason": "Le lien ne répond plus."}).status_code == 302
    again = post_form(viewer, path, {"reason": "Toujours rien."}, follow_redirects=True)
    assert "already reported" in again.get_data(as_text=True)
    queue = as_viewer(people["editor"]).get("/resources/moderation").get_data(as_text=True)
    assert "Carte des pistes" in queue and "Le lien ne répond plus." in queue
    assert "Toujours rien." not in queue


def test_an_administrator_grants_and_revokes_the_library_editor_role(app, as_viewer, people):
    target = people["other"]
    viewer = as_viewer(people["admin"])
    path = f"/admin/people/{target.id}/library-editor"
    assert "Make a library editor" in viewer.get(f"/admin/people/{target.id}").get_data(
        as_text=True
    )
    assert post_form(viewer, path, {"grant": "yes"}).status_code == 302
    assert load_user(app, target.id).is_library_editor
    assert "/resources/moderation" in as_viewer(target).get("/resources").get_data(as_text=True)
    assert post_form(viewer, path, {"grant": "no"}).status_code == 302
    assert not load_user(app, target.id).is_library_editor


# --- helpers ------------------------------------------------------------------------


def load_titles(app) -> list[str]:
    """The titles of the shared resources (in no space) in the database."""
    from sqlalchemy import select

    from portal.core.extensions import db
    from portal.materials.models import Material

    with app.app_context():
        return list(db.session.scalars(select(Material.title).where(Material.space_id.is_(None))))


def load_user(app, user_id: int):
    """The user as stored now."""
    from portal.accounts.models import User
    from portal.core.extensions import db

    with app.app_context():
        person = db.session.get(User, user_id)
        db.session.expunge(person)
        return person


def test_an_author_keeps_the_organisation_credited_after_their_signature_was_withdrawn(
    app, as_viewer, people
):
    organisation = factories.organisation(name="Syndicat mixte du Val")
    author = people["ally"]
    factories.signature(signer=author, organisation=organisation)
    resource = factories.shared_resource(author, organisation=organisation, status="published")
    with app.app_context():
        from sqlalchemy import delete

        from portal.alliance.models import Signature
        from portal.core.extensions import db

        db.session.execute(delete(Signature).where(Signature.organisation_id == organisation.id))
        db.session.commit()
    response = post_form(
        as_viewer(author),
        f"/resources/{resource.id}/edit",
        {**LINK, "organisation": str(organisation.id)},
    )
    assert response.status_code == 302
    assert load(app, resource.id).organisation_id == organisation.id


def test_a_published_resource_is_found_by_any_of_its_themes(as_viewer, people):
    factories.shared_resource(
        people["ally"], title="Atlas", themes=("food", "water"), status="published"
    )
    viewer = as_viewer(people["other"])
    for theme in ("food", "water"):
        assert "Atlas" in viewer.get(f"/resources?theme={theme}").get_data(as_text=True)
    assert "Atlas" not in viewer.get("/resources?theme=energy").get_data(as_text=True)
