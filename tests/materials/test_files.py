"""Downloading, replacing and deleting material files: headers, strangers, the disk."""

from __future__ import annotations

from urllib.parse import quote

from werkzeug.http import parse_options_header

from tests import factories
from tests.core import upload_samples as samples
from tests.helpers import post_form
from tests.materials.helpers import a_file, load

# --- refused cases first ------------------------------------------------------


def test_a_stranger_gets_no_byte_of_a_cohort_file(as_viewer, cohort):
    people = factories.space_people(cohort)
    secret = b"Budget confidentiel de la cohorte\n"
    material = factories.material(cohort, content=secret, filename="budget.txt")
    for who in ("ally", "other_facilitator"):
        response = as_viewer(people[who]).get(f"/materials/{material.id}/download")
        assert response.status_code == 404
        assert secret not in response.get_data()
        assert "attachment" not in response.headers.get("Content-Disposition", "")
    anonymous = as_viewer(None).get(f"/materials/{material.id}/download")
    assert anonymous.status_code == 302 and secret not in anonymous.get_data()


def test_a_file_missing_from_the_disk_is_a_404_not_a_crash(app, as_viewer, cohort):
    people = factories.space_people(cohort)
    material = factories.material(cohort)
    with app.app_context():
        from portal.core.uploads import delete_stored

        delete_stored("materials", material.stored_name)
    assert as_viewer(people["member"]).get(f"/materials/{material.id}/download").status_code == 404


def test_a_member_cannot_delete_a_facilitators_file(as_viewer, cohort, stored_files):
    people = factories.space_people(cohort)
    material = factories.material(cohort, poster=people["facilitator"])
    response = post_form(as_viewer(people["member"]), f"/materials/{material.id}/delete")
    assert response.status_code == 403
    assert any(p.name == material.stored_name for p in stored_files())


def test_a_replacement_file_is_checked_like_a_new_one(app, as_viewer, cohort, english):
    facilitator = english(cohort)
    material = factories.material(cohort, poster=facilitator)
    response = post_form(
        as_viewer(facilitator),
        f"/materials/{material.id}/edit",
        {"title": "Notes", "visibility": "space", "file": a_file("notes.md", samples.SVG)},
    )
    assert "Web pages and SVG images are not accepted" in response.get_data(as_text=True)
    assert load(app, material.id).stored_name == material.stored_name


def test_a_link_cannot_become_javascript_when_edited(app, as_viewer, cohort, english):
    facilitator = english(cohort)
    link = factories.material(cohort, poster=facilitator, url="https://example.org/guide")
    response = post_form(
        as_viewer(facilitator),
        f"/materials/{link.id}/edit",
        {"title": "Guide", "visibility": "space", "url": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert load(app, link.id).url == "https://example.org/guide"


# --- what works ---------------------------------------------------------------


def test_a_download_is_an_attachment_that_browsers_never_sniff_nor_run(as_viewer, cohort):
    people = factories.space_people(cohort)
    data = samples.pdf()
    material = factories.material(cohort, content=data, filename="Séance 1 – synthèse.pdf")
    response = as_viewer(people["member"]).get(f"/materials/{material.id}/download")
    body = response.get_data()
    response.close()
    assert response.status_code == 200
    assert body == data
    headers = response.headers
    assert headers["Content-Type"] == "application/pdf"
    disposition = headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" + quote("Séance 1 – synthèse.pdf") in disposition
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "private" in headers["Cache-Control"]
    assert int(headers["Content-Length"]) == len(data)


def test_text_files_are_served_as_utf8_text(as_viewer, cohort):
    people = factories.space_people(cohort)
    material = factories.material(cohort, content=samples.CSV, filename="communes.csv")
    response = as_viewer(people["member"]).get(f"/materials/{material.id}/download")
    body = response.get_data()
    response.close()
    assert body == samples.CSV
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition, options = parse_options_header(response.headers["Content-Disposition"])
    assert (disposition, options) == ("attachment", {"filename": "communes.csv"})


def test_public_files_download_without_an_account(as_viewer, cohort):
    material = factories.material(cohort, visibility="public", content=samples.TEXT)
    response = as_viewer(None).get(f"/materials/{material.id}/download")
    body = response.get_data()
    response.close()
    assert response.status_code == 200 and body == samples.TEXT


def test_replacing_a_file_removes_the_old_one_once_saved(app, as_viewer, cohort, stored_files):
    people = factories.space_people(cohort)
    material = factories.material(cohort, poster=people["facilitator"])
    response = post_form(
        as_viewer(people["facilitator"]),
        f"/materials/{material.id}/edit",
        {
            "title": "Synthèse, version 2",
            "visibility": "allies",
            "theme": "energy",
            "file": a_file("synthese-v2.docx", samples.ooxml("docx")),
        },
    )
    assert response.status_code == 302
    updated = load(app, material.id)
    assert updated.title == "Synthèse, version 2" and updated.display_name == "synthese-v2.docx"
    assert (updated.visibility, updated.theme, updated.family) == ("allies", "energy", "document")
    names = {p.name for p in stored_files()}
    assert updated.stored_name in names and material.stored_name not in names


def test_editing_without_a_new_file_keeps_the_file(app, as_viewer, cohort, stored_files):
    people = factories.space_people(cohort)
    material = factories.material(cohort, poster=people["facilitator"])
    viewer = as_viewer(people["facilitator"])
    form = viewer.get(f"/materials/{material.id}/edit").get_data(as_text=True)
    assert material.title in form
    response = post_form(
        viewer, f"/materials/{material.id}/edit", {"title": "Renamed", "visibility": "space"}
    )
    assert response.status_code == 302
    assert load(app, material.id).stored_name == material.stored_name
    assert material.stored_name in {p.name for p in stored_files()}


def test_deleting_a_material_removes_its_file(app, as_viewer, cohort, stored_files):
    people = factories.space_people(cohort)
    material = factories.material(cohort, poster=people["facilitator"])
    response = post_form(as_viewer(people["facilitator"]), f"/materials/{material.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/spaces/{cohort.slug}/materials")
    assert load(app, material.id) is None
    assert material.stored_name not in {p.name for p in stored_files()}


def test_the_poster_of_a_community_material_edits_their_link(app, as_viewer, community):
    member = factories.user()
    factories.membership(community, member)
    link = factories.material(community, poster=member, url="https://example.org/a")
    response = post_form(
        as_viewer(member),
        f"/materials/{link.id}/edit",
        {"title": "Nouveau titre", "visibility": "allies", "url": "https://example.org/b"},
    )
    assert response.status_code == 302
    assert (load(app, link.id).url, load(app, link.id).visibility) == (
        "https://example.org/b",
        "allies",
    )
