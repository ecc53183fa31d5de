"""Resources shared by allies, as services: waiting, published, declined, edited, reported."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.core.extensions import db
from portal.materials import services, sharing
from portal.materials.models import Material, MaterialReport
from portal.notifications.models import OutboxEmail
from tests import factories


@pytest.fixture
def ctx(app):
    """A request context whose session is rolled back at the end."""
    with app.test_request_context():
        yield
        db.session.rollback()


def library_titles(user=None) -> list[str]:
    """What the library lists for `user` (an ally by default)."""
    viewer = user or factories.user()
    query = services.library_query(viewer, services.LibraryFilters())
    return [m.title for m in db.session.scalars(query)]


def emails() -> list[OutboxEmail]:
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))


def reload(material) -> Material:
    return db.session.get(Material, material.id)


# --- refused cases first ------------------------------------------------------


def test_a_shared_resource_waits_outside_the_library_until_published(ctx):
    waiting = factories.shared_resource(title="Guide des mobilités")
    assert waiting.status == "pending"
    assert "Guide des mobilités" not in library_titles()
    assert "Guide des mobilités" not in library_titles(factories.user(role="admin"))


def test_a_declined_resource_never_reaches_the_library(ctx):
    factories.shared_resource(title="Hors sujet", status="declined")
    assert "Hors sujet" not in library_titles()


def test_an_organisation_the_author_did_not_sign_for_cannot_be_credited(ctx):
    author = factories.signed_ally()
    stranger = factories.ally()
    fields = sharing.SharedFields(title="Guide", organisation=stranger)
    with pytest.raises(ValueError, match="did not sign"):
        sharing.share_resource(db.session.get(User, author.id), fields, url="https://example.org/")


def test_unknown_fundamentals_and_languages_are_refused(ctx):
    author = db.session.get(User, factories.signed_ally().id)
    with pytest.raises(ValueError, match="fundamentals"):
        sharing.share_resource(
            author,
            sharing.SharedFields(title="Guide", fundamentals=("magic",)),
            url="https://example.org/",
        )
    with pytest.raises(ValueError, match="language"):
        sharing.share_resource(
            author, sharing.SharedFields(title="Guide", language="xx"), url="https://example.org/"
        )


def test_a_decision_is_taken_once(ctx):
    resource = reload(factories.shared_resource(status="published"))
    admin = db.session.get(User, factories.user(role="admin").id)
    with pytest.raises(sharing.NotWaiting):
        sharing.publish_resource(resource, admin)
    sharing.decline_resource(resource, admin, "Le lien ne fonctionne plus.")
    with pytest.raises(sharing.NotWaiting):
        sharing.decline_resource(resource, admin, "Le lien ne fonctionne plus.")


def test_a_person_reports_a_resource_once(ctx):
    resource = reload(factories.shared_resource(status="published"))
    reader = db.session.get(User, factories.user().id)
    sharing.report_resource(resource, reader, "Le lien est cassé.")
    db.session.commit()
    with pytest.raises(sharing.AlreadyReported):
        sharing.report_resource(resource, reader, "Toujours cassé.")
    db.session.rollback()
    assert db.session.scalar(select(func.count(MaterialReport.id))) == 1


# --- the journey ----------------------------------------------------------------


def test_publishing_puts_it_in_the_library_and_tells_the_author_in_their_language(ctx):
    organisation = factories.organisation(name="Ville de Loos")
    author = factories.signed_ally(organisation=organisation, locale="fr")
    resource = factories.shared_resource(
        author, title="Guide des mobilités", organisation=organisation, fundamentals=("value",)
    )
    assert emails() == []
    admin = factories.user(role="admin")
    sharing.publish_resource(reload(resource), db.session.get(User, admin.id))
    db.session.commit()
    published = reload(resource)
    assert published.is_published and published.moderated_by_id == admin.id
    assert published.organisation.name == "Ville de Loos"
    assert [f.key for f in published.fundamentals] == ["value"]
    assert "Guide des mobilités" in library_titles()
    [email] = emails()
    assert email.recipient == author.email
    # French once the lead merged /work/tr/resources.po into the catalog.
    assert email.locale == "fr" and email.template == "materials/resource_published"
    assert f"/materials/{resource.id}" in email.body_text


def test_declining_tells_the_author_why(ctx):
    author = factories.signed_ally(locale="en")
    resource = factories.shared_resource(author, status="declined")
    assert reload(resource).decline_reason == "Hors du champ de l'alliance."
    [email] = emails()
    assert email.subject == "Your resource was not published"
    assert "Hors du champ de l'alliance." in email.body_text
    assert "Hors du champ de l&#39;alliance." in email.body_html


def test_editing_a_published_resource_sends_it_back_to_moderation(ctx):
    resource = factories.shared_resource(title="Guide", status="published")
    assert "Guide" in library_titles()
    material = reload(resource)
    sharing.update_resource(
        material,
        sharing.SharedFields(title="Guide, édition 2", fundamentals=("cooperation",)),
        url="https://example.org/v2",
    )
    db.session.commit()
    edited = reload(resource)
    assert edited.is_pending and edited.url == "https://example.org/v2"
    assert [f.key for f in edited.fundamentals] == ["cooperation"]
    assert library_titles() == []


def test_a_declined_resource_edited_by_its_author_waits_again_without_the_old_reason(ctx):
    resource = factories.shared_resource(status="declined")
    material = reload(resource)
    sharing.update_resource(material, sharing.SharedFields(title="Mieux ciblé"))
    db.session.commit()
    assert reload(resource).is_pending and reload(resource).decline_reason == ""


def test_the_queue_lists_waiting_resources_and_the_reported_published_ones(ctx):
    waiting = factories.shared_resource(title="En attente")
    published = factories.shared_resource(title="Publiée", status="published")
    factories.shared_resource(title="Refusée", status="declined")
    reader = factories.user()
    sharing.report_resource(reload(published), db.session.get(User, reader.id), "Contenu daté.")
    db.session.commit()
    assert [m.title for m in db.session.scalars(sharing.queue_query())] == ["En attente"]
    reported = sharing.reported_resources()
    assert [m.title for m in reported] == ["Publiée"]
    reports = sharing.reports_of([reload(waiting), *reported])
    assert reports[waiting.id] == [] and [r.reason for r in reports[published.id]] == [
        "Contenu daté."
    ]


def test_my_resources_lists_mine_in_every_state(ctx):
    author = factories.signed_ally()
    for status in ("pending", "published", "declined"):
        factories.shared_resource(author, title=status, status=status)
    factories.shared_resource(title="someone else's")
    mine = db.session.scalars(sharing.mine_query(author))
    assert sorted(m.title for m in mine) == ["declined", "pending", "published"]


def test_a_file_can_be_shared_too(ctx):
    resource = factories.shared_resource(url=None, filename="guide.md")
    assert reload(resource).is_file and reload(resource).is_pending


def test_library_editors_are_granted_and_revoked(ctx):
    person = factories.user()
    found = db.session.get(User, person.id)
    sharing.set_library_editor(found, True)
    assert found.is_library_editor
    sharing.set_library_editor(found, False)
    assert not found.is_library_editor
