"""Materials in a real browser: posting, reading, editing, the library; axe-core on each page.

Selectors use ids, names and URLs rather than visible text, so the journeys hold
whatever the French catalog says.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import factories
from tests.browser.helpers import follow, go, log_in
from tests.core import upload_samples as samples


def test_facilitator_posts_a_file_for_a_session_and_a_member_finds_it(open_page, tmp_path, app):
    cohort = factories.space(title="Territoires pilotes 2027")
    facilitator = factories.user()
    member = factories.user()
    factories.membership(cohort, facilitator, role="facilitator")
    factories.membership(cohort, member)
    session = factories.meeting(cohort, title="Séance 3 : l'eau")

    page = open_page()
    log_in(page, facilitator)
    go(page, f"/spaces/{cohort.slug}/materials")
    follow(page, page.locator(f"main a[href='/spaces/{cohort.slug}/materials/new']"))

    # A disguised file comes back with an accessible error summary; nothing is posted.
    disguised = tmp_path / "rapport.pdf"
    disguised.write_bytes(samples.HTML)
    page.locator("#title").fill("Diaporama")
    page.locator("#file").set_input_files(str(disguised))
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#file").get_attribute("aria-invalid") == "true"

    slides = tmp_path / "diaporama-seance-3.pdf"
    slides.write_bytes(samples.pdf())
    page.locator("#file").set_input_files(str(slides))
    page.locator("#meeting").select_option(str(session.id))
    page.locator("#theme").select_option("water")
    page.locator("#visibility-1").check()  # all allies
    page.locator("#description").fill("Les **chiffres clés** du bassin versant.")
    follow(page, page.locator("main form input[type=submit]"))
    material_path = urlsplit(page.url).path
    assert material_path.startswith("/materials/")
    assert page.locator("main h1").inner_text() == "Diaporama"

    follow(page, page.locator(f"main a[href='{material_path}/edit']"))
    page.locator("#title").fill("Diaporama de la séance 3")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator("main h1").inner_text() == "Diaporama de la séance 3"

    # A member finds it in the space and in the library, and downloads it.
    reader = open_page()
    log_in(reader, member)
    go(reader, f"/spaces/{cohort.slug}/materials")
    follow(reader, reader.locator(f"main a[href='{material_path}']"))
    with reader.expect_download() as download:
        reader.locator(f"main a[href='{material_path}/download']").click()
    assert download.value.suggested_filename == "diaporama-seance-3.pdf"
    assert download.value.path().read_bytes() == samples.pdf()
    go(reader, "/resources")
    assert reader.locator(f"main a[href='{material_path}']").count() == 1
    go(reader, "/resources?theme=water&family=document")
    assert reader.locator(f"main a[href='{material_path}']").count() == 1


def test_library_and_material_pages_for_visitors_have_no_accessibility_violation(open_page, visit):
    community = factories.space(title="Mise en récit", kind="community")
    link = factories.material(
        community,
        title="Guide du récit",
        visibility="public",
        url="https://example.org/guide",
        theme="culture_storytelling",
    )
    factories.material(community, title="Trame", visibility="public", filename="trame.md")
    visit("/resources")
    visit("/resources?theme=culture_storytelling&family=link")
    visit("/resources?theme=nonsense")  # an invalid filter is reported, not a crash
    visit(f"/materials/{link.id}")
    visit("/resources?page=9", status=404)


def test_a_community_member_posts_a_link(open_page):
    community = factories.space(title="Fabriques locales", kind="community")
    member = factories.user()
    factories.membership(community, member)
    page = open_page()
    log_in(page, member)
    go(page, f"/spaces/{community.slug}/materials/new")
    page.locator("#title").fill("Réseau des ateliers")
    page.locator("#url").fill("javascript:alert(1)")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator("#url").get_attribute("aria-invalid") == "true"
    page.locator("#url").fill("https://example.org/ateliers")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator("main a[href='https://example.org/ateliers']").count() == 1
    go(page, f"/spaces/{community.slug}/materials")
    assert page.locator("main .material-item").count() == 1
