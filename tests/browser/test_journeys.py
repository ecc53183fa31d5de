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
    app, page, open_page, visit, mail_link, live_server
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
    # The login opens their own home, which first asks them to sign the charter.
    assert page.url == f"{live_server}/"
    assert page.locator("main .waiting-list a[href='/charter']").count() == 1

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


def test_a_member_logs_in_and_their_home_says_what_comes_next(app, page, visit, live_server):
    nothing_new = in_french(app, "Nothing new since your last visit.")
    member = factories.user(locale="fr", organisation_id=factories.ally(region="bretagne").id)
    factories.signature(signer=member)
    cohort = factories.space(title="Cohorte des territoires pilotes")
    factories.membership(cohort, member)
    other = factories.user()
    factories.membership(cohort, other)
    soon = factories.meeting(
        cohort, title="Atelier de lancement", starts_in_days=0.02, created_by_id=other.id
    )
    factories.registration(soon, member)
    factories.post(factories.thread(cohort, author=other), other)
    factories.invitation(factories.space(title="Cohorte régionale"), member.email)
    factories.experience(title="Une chaufferie bois coopérative", region="bretagne")

    log_in(page, member)
    assert page.url == f"{live_server}/"  # the login opens the person's own home
    main = page.locator("main")
    assert main.locator("h1").count() == 1
    assert main.locator(".home-sessions h3", has_text="Atelier de lancement").count() == 1
    assert main.locator(".home-sessions a[href='https://visio.example.org/room']").count() == 1
    assert main.locator(".waiting-list a[href^='/invitations/']").count() == 1
    assert main.locator(".waiting-list a[href='/charter']").count() == 0  # they signed
    assert "Une chaufferie bois coopérative" in main.locator(".home-experiences").inner_text()
    news = main.locator(".home-space-list li", has_text="Cohorte des territoires pilotes")
    assert news.locator(".meta").inner_text() != nothing_new

    # Opening the space is a visit: back home, nothing is new there any more.
    follow(page, news.locator("a"))
    visit("/")
    news = page.locator("main .home-space-list li", has_text="Cohorte des territoires pilotes")
    assert news.locator(".meta").inner_text() == nothing_new

    # `next` still wins over the home.
    page.context.clear_cookies()
    go(page, "/auth/login?next=/agenda")
    page.locator("#email").fill(member.email)
    page.locator("#password").fill(factories.PASSWORD)
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url == f"{live_server}/agenda"


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
