"""Resources shared by allies in a real browser: an ally shares a link and a file, an
administrator publishes one and declines the other, a reader reports one; axe-core on
every page.

Selectors use ids, names and URLs rather than visible text, so the journeys hold
whatever the French catalog says.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import factories
from tests.browser.helpers import follow, go, log_in


def share(page, title: str, *, url: str | None = None, file=None) -> str:
    """Fill and send the sharing form; returns the new resource's path."""
    go(page, "/resources")
    follow(page, page.locator("main a[href='/resources/share']"))
    page.locator("#title").fill(title)
    if url:
        page.locator("#url").fill(url)
    else:
        page.locator("#file").set_input_files(str(file))
    page.locator("#description").fill("Un **retour** de terrain.")
    page.locator("input[name=themes][value=mobility]").check()
    page.locator("input[name=fundamentals][value=cooperation]").check()
    page.locator("#language").select_option("fr")
    follow(page, page.locator("main form input[type=submit]"))
    path = urlsplit(page.url).path
    assert path.startswith("/materials/")
    return path


def test_an_ally_shares_resources_and_an_administrator_publishes_one(open_page, tmp_path):
    organisation = factories.organisation(name="Ville de Loos-en-Gohelle")
    ally = factories.signed_ally(organisation=organisation)
    admin = factories.user(role="admin")
    unsigned = factories.user()

    # Someone who did not sign is shown the way to the charter.
    stranger = open_page()
    log_in(stranger, unsigned)
    go(stranger, "/resources/share", status=403)
    assert stranger.locator("main a[href='/charter']").count() == 1

    page = open_page()
    log_in(page, ally)
    go(page, "/resources")
    follow(page, page.locator("main a[href='/resources/share']"))
    page.locator("#title").fill("Guide des rues scolaires")
    page.locator("#url").fill("https://example.org/rues-scolaires")
    page.locator("#organisation").select_option(str(organisation.id))
    page.locator("input[name=themes][value=mobility]").check()
    page.locator("input[name=fundamentals][value=engagement]").check()
    follow(page, page.locator("main form input[type=submit]"))
    link_path = urlsplit(page.url).path
    assert page.locator("main .notice").count() == 1  # waiting for a moderator

    guide = tmp_path / "fiche-cantine.md"
    guide.write_text("# Fiche\n\nUn groupement d'achat pour la cantine.\n")
    file_path = share(page, "Fiche cantine", file=guide)
    link_id, file_id = link_path.rsplit("/", 1)[1], file_path.rsplit("/", 1)[1]
    go(page, "/resources/mine")
    assert page.locator(f"main a[href='{link_path}']").count() == 1
    assert page.locator(f"main a[href='{file_path}']").count() == 1
    go(page, "/resources")
    assert page.locator(f"main a[href='{link_path}']").count() == 0

    # The administrator publishes the link from the queue and declines the file.
    moderator = open_page()
    log_in(moderator, admin)
    go(moderator, "/resources")
    follow(moderator, moderator.locator("main a[href='/resources/moderation']"))
    follow(moderator, moderator.locator(f"main form[action='/resources/{link_id}/publish'] button"))
    follow(moderator, moderator.locator(f"main a[href='/resources/{file_id}/decline']"))
    moderator.locator("#reason").fill("Merci : à compléter avec la convention signée.")
    follow(moderator, moderator.locator("main form button[type=submit]"))

    # The link is in the public library of allies, credited to the organisation.
    reader = open_page()
    log_in(reader, unsigned)
    go(reader, "/resources")
    assert reader.locator(f"main a[href='{link_path}']").count() == 1
    assert reader.locator(f"main a[href='{file_path}']").count() == 0
    assert "Ville de Loos-en-Gohelle" in reader.locator("main").inner_text()
    follow(reader, reader.locator(f"main a[href='{link_path}']"))
    follow(reader, reader.locator(f"main a[href='/resources/{link_id}/report']"))
    reader.locator("#reason").fill("Le lien ne répond plus depuis hier.")
    follow(reader, reader.locator("main form button[type=submit]"))

    # The author reads why the file was declined; the report waits in the queue.
    go(page, "/resources/mine")
    assert "convention signée" in page.locator("main").inner_text()
    go(moderator, "/resources/moderation")
    moderator.locator("main details summary").click()
    assert "Le lien ne répond plus" in moderator.locator("main").inner_text()
