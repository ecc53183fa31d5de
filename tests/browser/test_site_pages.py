"""The site's own pages in a real browser: legal pages, the contact form, errors, the keyboard."""

from tests import factories
from tests.browser.helpers import assert_accessible, follow, go, log_in


def test_legal_and_error_pages_have_no_accessibility_violation(visit):
    visit("/accessibilite")
    visit("/confidentialite")
    visit("/no/such/page", status=404)


def test_visitor_reports_a_problem_with_the_keyboard_only(page, visit, app, outbox):
    admin = factories.user(role="admin", locale="en")
    visit("/accessibilite")

    # A message sent empty comes back with an error summary that is itself accessible.
    page.locator("#body").focus()
    page.keyboard.press("Enter")
    with page.expect_navigation():
        page.locator("form.stacked input[type=submit]").press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#name").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    page.locator("#name").fill("Camille Martin")
    page.locator("#email").fill("camille@example.org")
    page.locator("#topic-1").check()
    page.locator("#body").fill("Où trouver la charte en PDF ?")
    with page.expect_navigation():
        page.locator("form.stacked input[type=submit]").click()
    assert page.url.endswith("/accessibilite#top")
    assert page.locator(".flash").is_visible()
    assert page.evaluate("() => window.scrollY") == 0  # the message is in view
    assert_accessible(page)
    [email] = outbox(template="site/contact_message")
    assert email["recipient"] == admin.email


def test_administrator_handles_a_message_from_the_list(page, app):
    from portal.site.models import ContactMessage

    admin = factories.user(role="admin")
    with app.app_context():
        factories.save(
            ContactMessage(
                name="Camille",
                email="camille@example.org",
                topic="accessibility",
                page_url="/allies",
                body="Le contraste des badges est trop faible.\nMerci !",
            )
        )
    log_in(page, admin)
    go(page, "/admin/messages")
    assert "Le contraste des badges" in page.locator("main table").inner_text()
    follow(page, page.locator("main table form button"))
    assert page.locator("main table").count() == 0
    go(page, "/admin/messages?show=all")
    assert page.locator("main table tbody tr").count() == 1
