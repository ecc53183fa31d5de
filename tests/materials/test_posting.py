"""Posting files and links in a space or one of its sessions."""

from __future__ import annotations

import pytest

from portal.core.errors import ERROR_TEXTS
from tests import factories
from tests.core import upload_samples as samples
from tests.materials.helpers import a_file, load, post_material, titles

# --- refused cases first ------------------------------------------------------


def test_a_file_over_the_limit_gets_the_413_page_and_nothing_is_written(
    app, as_viewer, cohort, english, stored_files, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 4096)
    viewer = as_viewer(english(cohort))
    before = stored_files()
    response = post_material(viewer, cohort.slug, file=a_file("gros.pdf", samples.pdf() * 20))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    with app.test_request_context():
        from flask_babel import force_locale

        with force_locale("en"):
            assert str(ERROR_TEXTS[413][0]) in page
    assert '<html lang="en">' in page
    assert stored_files() == before
    assert titles(app) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("carte.pdf", samples.png(), "does not match its name"),
        ("rapport.pdf", samples.HTML, "Web pages and SVG images are not accepted"),
        ("logo.svg", samples.SVG, "Web pages and SVG images are not accepted"),
        ("synthese.docx", samples.exe(), "does not match its name"),
        ("../../etc/passwd", b"root:x:0:0", "must end with one of"),
    ],
)
def test_disguised_files_are_refused_in_the_form_and_never_stored(
    app, as_viewer, cohort, english, stored_files, name, data, message
):
    viewer = as_viewer(english(cohort))
    before = stored_files()
    response = post_material(viewer, cohort.slug, file=a_file(name, data))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert 'class="error-summary"' in page and 'aria-invalid="true"' in page
    assert stored_files() == before
    assert titles(app) == []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://example.org/file",
        "https://",
        "//example.org/guide",
        "https://exa mple.org",
        "https://[::1",
        "example.org",
        "https://example.org/" + "x" * 2000,
    ],
)
def test_links_are_web_addresses_only(app, as_viewer, cohort, english, url):
    response = post_material(as_viewer(english(cohort)), cohort.slug, url=url)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert titles(app) == []


def test_a_material_is_a_file_or_a_link_not_both_nor_neither(app, as_viewer, cohort, english):
    viewer = as_viewer(english(cohort))
    both = post_material(
        viewer, cohort.slug, file=a_file("n.txt", samples.TEXT), url="https://example.org"
    )
    assert "Send either a file or a link, not both." in both.get_data(as_text=True)
    neither = post_material(viewer, cohort.slug)
    assert "Choose a file to send, or give a link below." in neither.get_data(as_text=True)
    assert titles(app) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"title": "t" * 201},
        {"description": "d" * 5001},
        {"theme": "astrology"},
        {"visibility": "everyone"},
        {"meeting": "abc"},
        {"meeting": "999999"},
    ],
)
def test_invalid_fields_are_form_errors_never_crashes(app, as_viewer, cohort, english, fields):
    response = post_material(
        as_viewer(english(cohort)), cohort.slug, url="https://example.org/guide", **fields
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.get_data(as_text=True)
    assert titles(app) == []


def test_a_session_of_another_space_cannot_be_chosen(app, as_viewer, cohort, english):
    elsewhere = factories.meeting(factories.space(), title="Séance d'ailleurs")
    response = post_material(
        as_viewer(english(cohort)), cohort.slug, url="https://e.org", meeting=str(elsewhere.id)
    )
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert titles(app) == []


def test_community_members_cannot_publish_to_everyone(app, as_viewer, community, english):
    member = english(community, role="member")
    page = as_viewer(member).get(f"/spaces/{community.slug}/materials/new")
    assert 'value="public"' not in page.get_data(as_text=True)
    response = post_material(
        as_viewer(member), community.slug, url="https://example.org", visibility="public"
    )
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert titles(app) == []


# --- what works ---------------------------------------------------------------


def test_facilitator_posts_a_file_for_a_session(app, as_viewer, cohort, english, stored_files):
    session = factories.meeting(cohort, title="Séance 3 : l'eau")
    viewer = as_viewer(english(cohort))
    form = viewer.get(f"/spaces/{cohort.slug}/materials/new?meeting={session.id}")
    assert f'<option selected value="{session.id}">' in form.get_data(as_text=True)
    before = stored_files()
    response = post_material(
        viewer,
        cohort.slug,
        title="Diaporama de la séance",
        file=a_file("Séance 3 – diaporama.pdf", samples.pdf()),
        meeting=str(session.id),
        theme="water",
        visibility="allies",
        description="Les **chiffres clés** du bassin versant.",
    )
    assert response.status_code == 302
    material_id = int(response.headers["Location"].rsplit("/", 1)[1])
    material = load(app, material_id)
    assert (material.kind, material.family, material.content_type) == (
        "file",
        "document",
        "application/pdf",
    )
    assert material.display_name == "Séance 3 – diaporama.pdf"
    assert (material.meeting_id, material.space_id, material.theme) == (
        session.id,
        cohort.id,
        "water",
    )
    [written] = stored_files() - before
    assert written.name == material.stored_name
    page = viewer.get(f"/materials/{material_id}").get_data(as_text=True)
    assert "The material was posted." in page
    assert "<strong>chiffres clés</strong>" in page
    assert "Séance 3 : l&#39;eau" in page


def test_member_of_a_community_posts_a_link(app, as_viewer, community, english):
    member = english(community, role="member")
    response = post_material(
        as_viewer(member), community.slug, title="Un podcast", url="https://example.org/podcast"
    )
    assert response.status_code == 302
    material = load(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert (material.kind, material.family, material.url) == (
        "link",
        "link",
        "https://example.org/podcast",
    )
    assert material.posted_by_id == member.id and material.stored_name is None


def test_the_space_list_shows_only_what_the_viewer_may_see(as_viewer, community):
    people = factories.space_people(community)
    factories.material(community, title="Réservé au groupe")
    factories.material(community, title="Pour tous les alliés", visibility="allies")
    ally_page = as_viewer(people["ally"]).get(f"/spaces/{community.slug}/materials")
    assert "Pour tous les alliés" in ally_page.get_data(as_text=True)
    assert "Réservé au groupe" not in ally_page.get_data(as_text=True)
    member_page = as_viewer(people["member"]).get(f"/spaces/{community.slug}/materials")
    assert "Réservé au groupe" in member_page.get_data(as_text=True)


def test_the_space_list_loads_in_a_fixed_number_of_queries(as_viewer, cohort, count_queries):
    people = factories.space_people(cohort)
    viewer = as_viewer(people["member"])
    path = f"/spaces/{cohort.slug}/materials"
    factories.material(cohort, meeting=factories.meeting(cohort))
    viewer.get(path)  # warm up (login record refresh)
    with count_queries() as few:
        assert viewer.get(path).status_code == 200
    for _ in range(12):
        factories.material(cohort, meeting=factories.meeting(cohort), poster=factories.user())
    with count_queries() as many:
        assert viewer.get(path).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page=99", "page=" + "9" * 30])
def test_impossible_pages_are_404(as_viewer, cohort, query):
    people = factories.space_people(cohort)
    response = as_viewer(people["member"]).get(f"/spaces/{cohort.slug}/materials?{query}")
    assert response.status_code == 404
