"""Contributions in a real browser: a signed ally contributes to the consultation, supports
another's contribution, comments it in its thread; an administrator answers.

Selectors use ids, names and URLs rather than visible text, so the journey holds
whatever the French catalog says. axe-core scans every page visited.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import factories
from tests.browser.helpers import follow, go, log_in


def test_an_ally_contributes_and_supports_another_contribution(open_page):
    edition = factories.assembly_edition(phase="consultation")
    organisation = factories.organisation(name="Commune du Mené")
    ally = factories.signed_ally(organisation=organisation)
    other = factories.contribution(
        edition, factories.signed_ally(), title="Un fonds de coopération", fundamental="value"
    )
    base = f"/assemblee/{edition.year}/contributions"

    page = open_page()
    log_in(page, ally)
    go(page, base)
    follow(page, page.locator(f"main a[href='{base}/new']"))
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator(".error-summary").is_visible()  # nothing written yet
    page.locator("#organisation").select_option(str(organisation.id))
    page.locator("#title").fill("Former les élus aux transitions")
    page.locator("#body").fill("Un cycle de formation **annuel** sur les fondamentaux.")
    page.locator("#fundamental-0").check()
    page.locator("#themes-6").check()  # governance
    follow(page, page.locator("main form input[type=submit]"))
    mine = urlsplit(page.url).path
    assert page.locator("main h1").inner_text() == "Former les élus aux transitions"
    assert page.locator("main .prose strong").inner_text() == "annuel"
    follow(page, page.locator(f"main a[href='{mine}/edit']"))

    # Support the other contribution, then comment it in its thread.
    go(page, f"{base}?sort=random&fundamental=value")
    follow(page, page.locator(f"main a[href='{base}/{other.id}']"))
    follow(page, page.locator(f"main form[action='{base}/{other.id}/support'] button"))
    assert page.locator(f"main form[action='{base}/{other.id}/support/withdraw']").count() == 1
    follow(page, page.locator(f"main a[href='/threads/{other.thread_id}']"))
    page.locator("#body").fill("Nous soutenons, avec les petites communes.")
    follow(
        page, page.locator(f"main form[action='/threads/{other.thread_id}/reply'] [type=submit]")
    )

    # An administrator answers: retained.
    admin = open_page()
    log_in(admin, factories.user(role="admin"))
    go(admin, f"{base}/{other.id}")
    follow(admin, admin.locator(f"main a[href='{base}/{other.id}/answer']"))
    admin.locator("#state-0").check()
    follow(admin, admin.locator("main form input[type=submit]"))
    go(admin, f"{base}?state=retained")
    assert admin.locator(f"main a[href='{base}/{other.id}']").count() == 1
