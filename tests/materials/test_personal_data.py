"""Personal data: what a member posted is in their export; deletion keeps the materials."""

from __future__ import annotations

import json

from portal.core.extensions import db
from portal.materials.models import Material
from tests import factories
from tests.helpers import post_form


def test_the_export_lists_my_materials_and_nobody_elses(as_viewer, cohort):
    me = factories.user(locale="en")
    factories.membership(cohort, me, role="facilitator")
    session = factories.meeting(cohort, title="Séance 2")
    factories.material(
        cohort, poster=me, title="Mes notes", meeting=session, filename="notes.md", theme="food"
    )
    factories.material(cohort, poster=me, title="Mon lien", url="https://example.org/x")
    factories.material(cohort, title="Notes of someone else")
    export = as_viewer(me).get("/account/export").get_data(as_text=True)
    sections = json.loads(export)["sections"]
    notes, link = sections["materials"]
    assert notes["title"] == "Mes notes" and notes["file_name"] == "notes.md"
    assert (notes["space"], notes["session"], notes["theme"]) == (cohort.title, "Séance 2", "food")
    assert notes["kind"] == "file" and notes["size"] > 0 and notes["url"] is None
    assert (link["kind"], link["url"], link["file_name"]) == ("link", "https://example.org/x", None)
    assert "Notes of someone else" not in export


def test_materials_stay_after_their_poster_deletes_their_account(app, as_viewer, cohort):
    people = factories.space_people(cohort)
    poster = factories.user(locale="en")
    factories.membership(cohort, poster)
    material = factories.material(cohort, poster=poster, title="Contribution", visibility="allies")
    response = post_form(
        as_viewer(poster),
        "/account/delete",
        {"current_password": factories.PASSWORD, "understood": "y"},
    )
    assert response.status_code == 302
    with app.app_context():
        kept = db.session.get(Material, material.id)
        assert kept is not None and kept.posted_by_id == poster.id
    page = as_viewer(people["member"]).get(f"/materials/{material.id}").get_data(as_text=True)
    assert poster.display_name not in page
