"""Administrators create, edit, archive and restore spaces; nobody else can."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.spaces.models import Space
from tests import factories
from tests.spaces.conftest import person

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def space_form(**overrides) -> dict:
    """A valid space form, overridden by `overrides` (None removes a field)."""
    data = {
        "title": "Territoires pilotes 2027",
        "description": "Un **programme** d'un an.\n\n# Étapes",
        "kind": "cohort",
        "timezone": "Europe/Paris",
        "starts_on": "2027-01-18",
        "ends_on": "2027-12-10",
        "cover_colour": "#005f73",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def space_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Space.id)))


def stored_space(app, slug: str) -> Space:
    with app.app_context():
        space = db.session.scalar(select(Space).where(Space.slug == slug))
        db.session.expunge_all()
        return space


@pytest.fixture
def admin_client(viewer):
    """A client logged in as an administrator who reads English."""
    return viewer(person(role="admin"))


def test_a_member_cannot_create_a_space(app, viewer):
    member = viewer(person())
    assert member.get("/spaces/new").status_code == 403
    assert member.post("/spaces/new", data=space_form()).status_code == 403
    assert space_count(app) == 0


def test_creating_a_space_needs_a_csrf_token(app, admin_client, with_csrf):
    assert admin_client.post("/spaces/new", data=space_form()).status_code == 400
    assert space_count(app) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "  "}, "Enter a title."),
        ({"title": "x" * 201}, "At most 200 characters."),
        ({"description": "x" * 20_001}, "At most 20000 characters."),
        ({"kind": "club"}, "Not a valid choice"),
        ({"timezone": "Mars/Olympus_Mons"}, "Not a valid choice"),
        ({"cover_colour": "#ffffff"}, "Not a valid choice"),
        ({"starts_on": None}, "A cohort needs a start date."),
        ({"ends_on": ""}, "A cohort needs an end date."),
        ({"ends_on": "2026-12-31"}, "The end date cannot be before the start date."),
        ({"starts_on": "31/31/2027"}, "Not a valid date value."),
        ({"starts_on": "9" * 5000}, "Not a valid date value."),
    ],
)
def test_invalid_spaces_are_refused_with_a_form_error(app, admin_client, overrides, message):
    response = admin_client.post("/spaces/new", data=space_form(**overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert space_count(app) == 0


def test_an_administrator_creates_a_cohort_and_lands_on_its_page(app, admin_client):
    response = admin_client.post("/spaces/new", data=space_form())
    assert response.status_code == 302
    assert response.headers["Location"] == "/spaces/territoires-pilotes-2027"
    page = admin_client.get("/spaces/territoires-pilotes-2027").get_data(as_text=True)
    assert "The space “Territoires pilotes 2027” is created." in page
    assert "<strong>programme</strong>" in page
    assert "<h3>Étapes</h3>" in page  # Markdown headings sit below the page's own
    assert "cover-teal" in page
    space = stored_space(app, "territoires-pilotes-2027")
    assert (space.kind, str(space.starts_on), str(space.ends_on)) == (
        "cohort",
        "2027-01-18",
        "2027-12-10",
    )


def test_a_community_needs_no_dates_and_drops_any_given(app, admin_client):
    admin_client.post("/spaces/new", data=space_form(kind="community", title="Mise en récit"))
    space = stored_space(app, "mise-en-recit")
    assert space.is_community and space.starts_on is None and space.ends_on is None


def test_titles_that_clash_get_numbered_slugs(app, admin_client):
    for _ in range(3):
        admin_client.post("/spaces/new", data=space_form(title="Mise en récit", kind="community"))
    with app.app_context():
        slugs = sorted(db.session.scalars(select(Space.slug)))
    assert slugs == ["mise-en-recit", "mise-en-recit-2", "mise-en-recit-3"]


def test_editing_a_space_saves_it_and_keeps_its_address(app, admin_client):
    space = factories.space(title="Ancien titre", kind="community")
    form = admin_client.get(f"/spaces/{space.slug}/edit").get_data(as_text=True)
    assert 'value="Ancien titre"' in form
    response = admin_client.post(
        f"/spaces/{space.slug}/edit",
        data=space_form(title="Nouveau titre", kind="community", timezone="America/Cayenne"),
    )
    assert response.headers["Location"] == "/spaces/ancien-titre"
    stored = stored_space(app, "ancien-titre")
    assert (stored.title, stored.timezone) == ("Nouveau titre", "America/Cayenne")


def test_a_cover_image_is_checked_on_its_content_stored_and_served(app, admin_client):
    disguised = admin_client.post(
        "/spaces/new",
        data=space_form(cover_image=(io.BytesIO(b"%PDF-1.7\n" + b"0" * 64), "cover.png")),
        content_type="multipart/form-data",
    )
    assert disguised.status_code == 200
    assert "does not match its name" in disguised.get_data(as_text=True)
    assert space_count(app) == 0
    document = admin_client.post(
        "/spaces/new",
        data=space_form(cover_image=(io.BytesIO(b"%PDF-1.7\n" + b"0" * 64), "cover.pdf")),
        content_type="multipart/form-data",
    )
    assert "The cover must be a PNG, JPEG, GIF or WebP image." in document.get_data(as_text=True)
    created = admin_client.post(
        "/spaces/new",
        data=space_form(cover_image=(io.BytesIO(PNG), "couverture.png")),
        content_type="multipart/form-data",
    )
    assert created.status_code == 302
    page = admin_client.get("/spaces/territoires-pilotes-2027").get_data(as_text=True)
    assert (
        '<img class="space-cover-image" src="/spaces/territoires-pilotes-2027/cover" alt="">'
        in page
    )
    image = admin_client.get("/spaces/territoires-pilotes-2027/cover")
    assert (image.status_code, image.mimetype, image.data) == (200, "image/png", PNG)
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    image.close()


def test_removing_the_cover_image_keeps_the_colour(app, admin_client):
    admin_client.post(
        "/spaces/new",
        data=space_form(cover_image=(io.BytesIO(PNG), "couverture.png")),
        content_type="multipart/form-data",
    )
    from portal.core.uploads import stored_path

    with app.app_context():
        path = stored_path("covers", stored_space(app, "territoires-pilotes-2027").cover_image)
    assert path.exists()
    admin_client.post(
        "/spaces/territoires-pilotes-2027/edit", data=space_form(remove_cover_image="y")
    )
    stored = stored_space(app, "territoires-pilotes-2027")
    assert stored.cover_image is None and stored.cover_colour == "#005f73"
    assert not path.exists()
    assert admin_client.get("/spaces/territoires-pilotes-2027/cover").status_code == 404


def test_an_archived_space_is_read_only_and_can_be_restored(app, admin_client, viewer, outbox):
    cohort = factories.space(title="Cohorte close", kind="cohort")
    facilitator = person()
    factories.membership(cohort, facilitator, role="facilitator")
    response = admin_client.post(f"/spaces/{cohort.slug}/archive")
    assert response.headers["Location"] == f"/spaces/{cohort.slug}"
    page = admin_client.get(f"/spaces/{cohort.slug}").get_data(as_text=True)
    assert "This space is archived" in page
    assert f"/spaces/{cohort.slug}/edit" not in page
    assert admin_client.get(f"/spaces/{cohort.slug}/edit").status_code == 403
    assert admin_client.get(f"/spaces/{cohort.slug}/facilitators").status_code == 403
    facilitating = viewer(facilitator)
    invite = facilitating.post(
        f"/spaces/{cohort.slug}/invitations", data={"addresses": "a@example.org"}
    )
    assert invite.status_code == 403
    assert outbox() == []
    listing = facilitating.get("/spaces").get_data(as_text=True)
    assert "Cohorte close" not in listing
    assert admin_client.post(f"/spaces/{cohort.slug}/restore").status_code == 302
    assert "Cohorte close" in facilitating.get("/spaces").get_data(as_text=True)


def test_administrators_see_every_space_archived_last(app, admin_client):
    factories.space(title="Zeta", kind="community")
    factories.space(title="Alpha archivée", kind="cohort", archived_at=utcnow())
    factories.space(title="Beta", kind="cohort")
    page = admin_client.get("/spaces/manage").get_data(as_text=True)
    assert page.index("Beta") < page.index("Zeta") < page.index("Alpha archivée")
    assert "Archived" in page


def test_nul_characters_are_dropped_rather_than_sent_to_the_database(app, admin_client):
    response = admin_client.post(
        "/spaces/new", data=space_form(title="Terri\x00toires", description="a\x00b")
    )
    assert response.status_code == 302
    space = stored_space(app, "territoires")
    assert (space.title, space.description) == ("Territoires", "ab")
