"""Email preferences, the unsubscribe page and the admin outbox in a real browser."""

from __future__ import annotations

from portal.core.db import utcnow
from portal.notifications.bounces import record_hard_bounce
from portal.notifications.preferences import Category
from portal.notifications.unsubscribe import make_token
from tests import factories
from tests.browser.helpers import follow, go, log_in


def test_member_chooses_emails_and_recovers_a_bouncing_address(app, open_page):
    member = factories.user(locale="en")
    with app.app_context():
        for _ in range(3):
            record_hard_bounce(member.email, "550 5.1.1 No such user", utcnow())
        from portal.core.extensions import db

        db.session.commit()
    page = open_page("en-GB")
    log_in(page, member)
    go(page, "/account/notifications")
    assert "refused by the receiving server" in page.locator("main").inner_text()
    page.locator("#digest-1").check()  # every day
    page.locator("#catchups").uncheck()
    follow(page, page.locator("main form.stacked button[type=submit]"))
    assert page.locator("#digest-1").is_checked()
    assert not page.locator("#catchups").is_checked()
    follow(page, page.get_by_role("button", name="My address works again, try again"))
    assert "refused by the receiving server" not in page.locator("main").inner_text()


def test_unsubscribe_page_from_an_email_link(app, page):
    member = factories.user()
    with app.app_context():
        token = make_token(member.id, Category.REMINDERS)
    go(page, f"/unsubscribe/{token}")
    follow(page, page.locator("main form button[type=submit]"))
    assert page.locator("h1").count() == 1
    go(page, "/unsubscribe/forged-token", status=404)


def test_administrator_reads_the_outbox(app, open_page):
    admin = factories.user(role="admin", locale="en")
    with app.app_context():
        from portal.core.extensions import db
        from portal.notifications.services import enqueue

        enqueue(
            to="ally@example.org",
            template="notifications/test",
            subject="Welcome",
            dedupe_key="browser:1",
            locale="en",
        )
        record_hard_bounce("gone@example.org", "550 5.1.1 No such user", utcnow())
        db.session.commit()
    page = open_page("en-GB")
    log_in(page, admin)
    go(page, "/admin/outbox")
    assert "ally@example.org" in page.locator("main table").first.inner_text()
    page.locator("#outbox-q").fill("gone")
    follow(page, page.locator("main form[role=search] button"))
    assert "No email to show." in page.locator("main").inner_text()
    follow(page, page.get_by_role("button", name="Reset"))
    assert "No address bounces." in page.locator("main").inner_text()
