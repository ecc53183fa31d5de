"""Journeys through the portal in a real browser, with an axe-core scan of every page.

Selectors use ids, names and URLs rather than visible text, so the journeys hold
whatever the French catalog says.
"""

from flask_babel import force_locale, gettext

from tests import factories
from tests.browser.helpers import follow, go, log_in

ORGANISATION = "Communauté de communes du Val Test"


def in_french(app, text: str) -> str:
    """`text` as the French catalog renders it (the English msgid until it is translated)."""
    with app.test_request_context(), force_locale("fr"):
        return gettext(text)


def test_a_visitor_becomes_an_ally_and_reads_the_portal_in_english(
    app, page, open_page, visit, mail_link
):
    admin = factories.user(role="admin", email="coordination@example.org")
    french_title = in_french(app, "Accessibility statement")

    # A visitor arrives on the home page and creates an account.
    visit("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    follow(page, page.locator("header a[href='/auth/register']"))
    page.locator("#email").fill("claude@example.org")
    page.locator("#display_name").fill("Claude Bernard")
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("#accept_privacy").check()
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith("/auth/check-inbox")

    # The confirmation link from the email received over SMTP leads to the login page.
    go(page, mail_link("claude@example.org", "/auth/confirm/"))
    assert "/auth/login" in page.url
    page.locator("#email").fill("claude@example.org")
    page.locator("#password").fill(factories.PASSWORD)
    follow(page, page.locator("main form button[type=submit]"))
    assert "/auth/login" not in page.url

    # They sign the charter for a new organisation they may represent.
    visit("/charter")
    follow(page, page.locator("main a[href='/charter/sign/organisation']"))
    page.locator("#organisation").select_option("0")
    page.locator("#name").fill(ORGANISATION)
    page.locator("#kind").select_option("intercommunalite")
    page.locator("#territory").fill("Val Test")
    page.locator("#region").select_option("bretagne")
    page.locator("#website").fill("https://val-test.example.org")
    page.locator("#description").fill("Une intercommunalité rurale en transition.")
    page.locator("#represents").check()
    page.locator("#commitment").check()
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith("/charter")
    assert ORGANISATION in page.locator("main").inner_text()

    # Not in the directory until an administrator validates it.
    visit("/allies?q=Val+Test")
    assert page.locator(".ally-cards").count() == 0

    # An administrator, in their own browser, logs in and validates the signature.
    admin_page = open_page()
    log_in(admin_page, admin)
    go(admin_page, "/admin/signatures")
    card = admin_page.locator(".signature-queue li", has_text=ORGANISATION)
    follow(admin_page, card.locator("form[action$='/validate'] button"))
    assert admin_page.locator(".signature-queue li", has_text=ORGANISATION).count() == 0

    # The visitor finds the organisation in the directory by its name.
    visit("/allies")
    page.locator("#q").fill("Val Test")
    follow(page, page.locator("main form[role=search] button[type=submit]"))
    result = page.locator(".ally-cards a", has_text=ORGANISATION)
    assert result.count() == 1
    follow(page, result)
    assert page.locator("main h1").inner_text() == ORGANISATION

    # Their profile, the legal pages and a missing page are accessible too.
    visit("/account/")
    visit("/confidentialite")
    visit("/no/such/page", status=404)
    visit("/accessibilite")
    assert page.locator("main h1").inner_text() == french_title

    # They switch to English: the same page comes back in English, and stays so.
    follow(page, page.locator("header form.language-switcher button[value=en]"))
    assert page.url.endswith("/accessibilite")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").inner_text() == "Accessibility statement"
    assert page.locator("header a[href='/account/']").inner_text() == "My account"
    visit("/charter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("header form.language-switcher button[value=fr]").count() == 1


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, visit):
    visit("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    assert focused == ["skip-link", "#main"]
    assert page.locator(".skip-link").is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab goes on inside the main content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")
