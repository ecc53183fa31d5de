"""The governance page and the editions: who may read and who may manage, and what they do."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.assembly.governance.models import BoardMember, GovernanceDocument, GovernanceText
from portal.assembly.models import AssemblyEdition
from portal.core.extensions import db
from tests import factories
from tests.helpers import csrf_token, post_form

PERSONAS = ("anonymous", "unsigned", "individual", "organisation", "admin")


def persona(name: str):
    """A person of each kind the issue lists (None: anonymous)."""
    if name == "anonymous":
        return None
    if name == "admin":
        return factories.user(role="admin")
    person = factories.user()
    if name == "individual":
        factories.signature(signer=person)
    elif name == "organisation":
        factories.ally(signer=person)
    return person


@pytest.fixture
def world(app):
    edition = factories.assembly_edition(2027, phase="consultation")
    member = factories.board_member(name="Claire Dubois", role="president")
    document = factories.governance_document(kind="statutes")
    return {"edition": edition, "member": member, "document": document}


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("path", ["/gouvernance", "/assemblee", "/assemblee/2027"])
def test_everyone_reads_the_public_pages(as_viewer, world, who, path):
    assert as_viewer(persona(who)).get(path).status_code == 200


ADMIN_PAGES = [
    ("GET", "/assemblee/nouvelle"),
    ("POST", "/assemblee/nouvelle"),
    ("GET", "/assemblee/2027/modifier"),
    ("POST", "/assemblee/2027/modifier"),
    ("GET", "/gouvernance/gerer"),
    ("GET", "/gouvernance/presentation"),
    ("POST", "/gouvernance/presentation"),
    ("GET", "/gouvernance/conseil/nouveau"),
    ("POST", "/gouvernance/conseil/nouveau"),
    ("GET", "/gouvernance/conseil/{member}"),
    ("POST", "/gouvernance/conseil/{member}"),
    ("POST", "/gouvernance/conseil/{member}/supprimer"),
    ("GET", "/gouvernance/documents/nouveau"),
    ("POST", "/gouvernance/documents/nouveau"),
    ("POST", "/gouvernance/documents/{document}/retirer"),
]


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize(("method", "path"), ADMIN_PAGES)
def test_only_admins_manage_the_governance(as_viewer, world, who, method, path):
    client = as_viewer(persona(who))
    url = path.format(member=world["member"].id, document=world["document"].id)
    data = {"csrf_token": csrf_token(client)} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    if who == "anonymous":
        assert response.status_code == 302 and "/auth/login" in response.location
    elif who == "admin":
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 403


def test_an_unknown_edition_is_not_found(client, world):
    assert client.get("/assemblee/1999").status_code == 404


def test_the_edition_page_shows_its_phases_and_their_states(client, world):
    page = client.get("/assemblee/2027").get_data(as_text=True)
    assert "Open" in page and "To come" in page
    assert "Consultation" in page and "Results" in page


def test_the_governance_page_shows_the_board_documents_charter_and_assemblies(client, world):
    page = client.get("/gouvernance").get_data(as_text=True)
    assert "Claire Dubois" in page and "President" in page
    assert "Statuts" in page
    assert "/charter/v1" in page
    assert "/assemblee/2027" in page


def test_a_material_that_is_no_longer_public_leaves_the_governance_page(app, client, world):
    from portal.materials.models import Material

    with app.app_context():
        material = db.session.get(GovernanceDocument, world["document"].id).material
        db.session.get(Material, material.id).visibility = "allies"
        db.session.commit()
    assert "Statuts" not in client.get("/gouvernance").get_data(as_text=True)


EDITION = {
    "year": "2030",
    "title": "Assemblée des alliés 2030",
    "place": "Nantes",
    "visio_url": "https://visio.example.org/ag",
    "consultation_opens_at": "2030-01-10T09:00",
    "consultation_closes_at": "2030-02-10T18:00",
    "vote_opens_at": "2030-06-20T10:00",
    "vote_closes_at": "2030-06-20T16:00",
    "results_at": "2030-06-21T10:00",
}


def stored_edition(app, year):
    with app.app_context():
        return db.session.scalar(select(AssemblyEdition).where(AssemblyEdition.year == year))


def test_an_admin_creates_an_edition_in_paris_time_with_its_space(app, client, login_as):
    login_as("admin")
    response = post_form(client, "/assemblee/nouvelle", {**EDITION, "with_space": "y"})
    assert response.status_code == 302 and response.location.endswith("/assemblee/2030")
    edition = stored_edition(app, 2030)
    # 09:00 in Paris in January is 08:00 UTC.
    assert edition.consultation_opens_at.hour == 8
    assert edition.vote_opens_at.hour == 8  # 10:00 Paris summer time
    assert edition.space_id is not None


def test_a_closing_before_its_opening_is_refused_with_a_clear_error(app, client, login_as):
    login_as("admin")
    data = {**EDITION, "vote_closes_at": "2030-06-20T09:00"}
    page = post_form(client, "/assemblee/nouvelle", data).get_data(as_text=True)
    assert "The vote must close after it opens." in page
    assert stored_edition(app, 2030) is None


def test_a_year_taken_is_refused(app, client, login_as, world):
    login_as("admin")
    page = post_form(client, "/assemblee/nouvelle", {**EDITION, "year": "2027"})
    assert "An edition of this year exists already." in page.get_data(as_text=True)


def test_an_admin_edits_an_edition(app, client, login_as, world):
    login_as("admin")
    response = post_form(client, "/assemblee/2027/modifier", {**EDITION, "year": "2027"})
    assert response.status_code == 302
    assert stored_edition(app, 2027).place == "Nantes"


def test_an_admin_manages_the_board(app, client, login_as, world):
    login_as("admin")
    data = {"name": "Yannick Le Goff", "role": "treasurer", "organisation_id": "0"}
    data |= {"term_starts_on": "2026-06-20", "term_ends_on": "2029-06-20"}
    assert post_form(client, "/gouvernance/conseil/nouveau", data).status_code == 302
    with app.app_context():
        added = db.session.scalar(select(BoardMember).where(BoardMember.name == "Yannick Le Goff"))
        assert added.term_ends_on == date(2029, 6, 20)
    bad = {**data, "term_ends_on": "2020-01-01"}
    page = post_form(client, "/gouvernance/conseil/nouveau", bad).get_data(as_text=True)
    assert "The term cannot end before it starts." in page
    url = f"/gouvernance/conseil/{world['member'].id}/supprimer"
    assert post_form(client, url).status_code == 302
    with app.app_context():
        assert db.session.get(BoardMember, world["member"].id) is None


def test_an_admin_lists_a_public_material_and_not_a_private_one(app, client, login_as, world):
    login_as("admin")
    public = factories.material(visibility="public", url="https://example.org/rapport.pdf")
    private = factories.material(factories.space(), url="https://example.org/prive.pdf")
    data = {"material_id": str(public.id), "kind": "report", "edition_id": "0"}
    assert post_form(client, "/gouvernance/documents/nouveau", data).status_code == 302
    data["material_id"] = str(private.id)
    assert post_form(client, "/gouvernance/documents/nouveau", data).status_code == 200
    with app.app_context():
        listed = set(db.session.scalars(select(GovernanceDocument.material_id)))
    assert public.id in listed and private.id not in listed


def test_an_admin_writes_the_purpose_in_markdown_sanitized(app, client, login_as):
    login_as("admin")
    data = {"purpose": "**Notre raison d'être**<script>alert(1)</script>"}
    assert post_form(client, "/gouvernance/presentation", data).status_code == 302
    page = client.get("/gouvernance").get_data(as_text=True)
    assert "<strong>Notre raison d'être</strong>" in page or "Notre raison" in page
    assert "<script>alert(1)</script>" not in page
    with app.app_context():
        assert db.session.scalar(select(GovernanceText.purpose)).startswith("**Notre")


def test_an_admin_sends_a_new_file_that_becomes_a_public_document(app, client, login_as):
    from io import BytesIO

    from portal.materials.demo import minimal_pdf
    from portal.materials.models import Material

    login_as("admin")
    data = {
        "material_id": "0",
        "title": "Statuts 2027",
        "kind": "statutes",
        "edition_id": "0",
        "file": (BytesIO(minimal_pdf("Statuts")), "statuts.pdf", "application/pdf"),
    }
    response = post_form(
        client, "/gouvernance/documents/nouveau", data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    with app.app_context():
        material = db.session.scalar(select(Material).where(Material.title == "Statuts 2027"))
        assert material.visibility == "public" and material.space_id is None
    assert "Statuts 2027" in client.get("/gouvernance").get_data(as_text=True)


def test_a_document_needs_a_material_or_a_file(app, client, login_as):
    login_as("admin")
    data = {"material_id": "0", "kind": "statutes", "edition_id": "0"}
    page = post_form(client, "/gouvernance/documents/nouveau", data).get_data(as_text=True)
    assert "Choose a public material, or send a new file." in page


def test_an_admin_gives_an_edition_its_space_later(app, client, login_as, world):
    login_as("admin")
    data = {**EDITION, "year": "2027", "with_space": "y"}
    assert post_form(client, "/assemblee/2027/modifier", data).status_code == 302
    assert stored_edition(app, 2027).space_id is not None
    page = client.get("/assemblee/2027").get_data(as_text=True)
    assert "/spaces/assemblee-des-allies-2030" in page  # named after its (new) title
