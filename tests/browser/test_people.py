"""The administrators' people pages in a real browser: find someone, open them, reset
their two-factor login; every page scanned by axe-core."""

from sqlalchemy import select

from tests import factories
from tests.browser.helpers import follow, go, log_in


def test_an_administrator_finds_a_person_and_resets_their_two_factor_login(app, open_page, outbox):
    admin = factories.user(role="admin", locale="en")
    org = factories.organisation(name="Commune de Loos-en-Gohelle")
    person = factories.user(display_name="Camille Lost-Phone", organisation_id=org.id)
    factories.membership(factories.space(title="Territoires pilotes"), person, role="facilitator")
    factories.two_factor(person)
    factories.login_record(person)
    factories.user(display_name="Dominique Durand")

    page = open_page("en-GB")
    log_in(page, admin)
    go(page, "/admin/")
    follow(page, page.locator("main a[href='/admin/people']"))
    follow(page, page.locator("main .filter-links a", has_text="With two-factor login"))
    assert "Camille Lost-Phone" in page.locator("main table").inner_text()

    page.locator("#people-q").fill("lost-PHONE")
    follow(page, page.locator("main form[role=search] button"))
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1 and "Commune de Loos-en-Gohelle" in rows.inner_text()

    follow(page, rows.get_by_role("link", name="Camille Lost-Phone"))
    assert "Territoires pilotes" in page.locator("main").inner_text()
    follow(page, page.get_by_role("link", name="Reset two-factor login"))
    assert page.locator("h1").inner_text() == "Reset the two-factor login of Camille Lost-Phone"
    follow(page, page.get_by_role("button", name="Reset two-factor login"))
    assert page.url.endswith(f"/admin/people/{person.id}")
    assert "is reset" in page.locator(".flash").inner_text()
    assert "Off." in page.locator("main").inner_text()

    from portal.accounts.models import LoginSession, User
    from portal.core.extensions import db

    with app.app_context():
        assert not db.session.get(User, person.id).has_two_factor
        assert (
            db.session.scalar(
                select(LoginSession.id).where(
                    LoginSession.user_id == person.id, LoginSession.ended_at.is_(None)
                )
            )
            is None
        )
    [email] = outbox(template="accounts/two_factor_reset")
    assert email["recipient"] == person.email


def test_the_administrators_own_page_and_the_deleted_accounts(open_page):
    admin = factories.user(role="admin", locale="en")
    factories.deleted_user()
    page = open_page("en-GB")
    log_in(page, admin)
    go(page, f"/admin/people/{admin.id}")
    assert page.locator("main a[href='/account/two-factor']").count() == 1
    go(page, "/admin/people?show=deleted")
    assert "Former member" in page.locator("main table").inner_text()
    go(page, "/admin/people?q=nobody-has-this-name")
