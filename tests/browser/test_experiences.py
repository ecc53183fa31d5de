"""Experiences in a real browser: a territory writes, publishes and finds its experience.

Selectors use ids, names and URLs rather than visible text, so the journey holds
whatever the French catalog says. axe-core scans every page visited.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import factories
from tests.browser.helpers import follow, go, log_in


def test_a_territory_publishes_an_experience_and_finds_it_by_searching(open_page):
    signatory = factories.user()
    organisation = factories.ally(name="Commune du Mené", signer=signatory, region="bretagne")
    factories.experience(
        factories.ally(name="Malaunay"), title="Solaire à Malaunay", visibility="public"
    )
    author = factories.user(organisation_id=organisation.id)

    page = open_page()
    log_in(page, author)
    go(page, "/experiences")
    follow(page, page.locator("main a[href='/experiences/new']"))
    # Publishing an incomplete draft is refused with the list of what is missing.
    assert page.locator("#region").input_value() == "bretagne"  # the organisation's
    page.locator("#region").select_option("")
    page.locator("#title").fill("Méthanisation collective au Mené")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator(".error-summary").is_visible()  # no region yet
    page.locator("#region").select_option("bretagne")
    follow(page, page.locator("main form input[type=submit]"))
    experience_path = urlsplit(page.url).path
    follow(page, page.locator(f"main form[action='{experience_path}/publish'] button"))
    assert page.locator(".notice li").count() >= 4

    follow(page, page.locator(f"main a[href='{experience_path}/edit']"))
    page.locator("#context").fill("Des élevages nombreux et des effluents mal valorisés.")
    page.locator("#actions").fill("Une unité de méthanisation collective gérée par les éleveurs.")
    page.locator("#results").fill("**4 GWh** produits par an, 12 exploitations.")
    page.locator("#lessons").fill("Nous impliquerions les riverains dès la concertation paysagère.")
    page.locator("#fundamentals-0").check()
    page.locator("#themes-0").check()  # energy
    page.locator("#visibility-1").check()  # public
    follow(page, page.locator("main form input[type=submit]"))
    follow(page, page.locator(f"main form[action='{experience_path}/publish'] button"))
    assert page.locator("main h1").inner_text() == "Méthanisation collective au Mené"
    assert page.locator("#part-lessons").count() == 1
    assert page.locator("main .experience-similar a[href^='/experiences/']").count() == 1

    go(page, f"{experience_path}/attachments/new")
    go(page, f"/allies/{organisation.slug}")
    assert page.locator(f"main a[href='{experience_path}']").count() == 1

    # A visitor finds it in the list, filtered, and by a word of its lessons.
    visitor = open_page()
    go(visitor, "/experiences?theme=energy&sort=helpful")
    assert visitor.locator(f"main a[href='{experience_path}']").count() == 1
    go(visitor, "/search?q=riverains")
    assert visitor.locator(f"main a[href='{experience_path}']").count() == 1
    go(visitor, experience_path)


def test_theme_administration_pages_have_no_accessibility_violation(open_page):
    admin = factories.user(role="admin")
    page = open_page()
    log_in(page, admin)
    go(page, "/admin/themes")
    follow(page, page.locator("main a[href='/admin/themes/new']"))
    page.locator("#key").fill("Mauvaise clé")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator(".error-summary").is_visible()
    go(page, "/admin/themes/energy/edit")
