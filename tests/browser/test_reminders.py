"""The reminder setting of a space in a real browser (axe-core scans the form, with errors)."""

from __future__ import annotations

from tests import factories
from tests.browser.helpers import follow, log_in


def test_an_administrator_chooses_the_reminders_of_a_space(app, page, visit):
    from portal.core.extensions import db
    from portal.spaces.models import Space

    admin = factories.user(role="admin", email="coordination@example.org")
    space = factories.space(title="Cohorte rappels")
    log_in(page, admin.email)
    visit(f"/spaces/{space.slug}/edit")
    assert page.locator("input[name=reminder_offsets][value='10080']").is_checked()
    page.locator("input[name=reminder_offsets][value='10080']").uncheck()
    page.locator("input[name=reminder_offsets][value='120']").check()
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(f"/spaces/{space.slug}")
    with app.app_context():
        assert db.session.get(Space, space.id).reminder_offsets == [1440, 120]
    visit(f"/spaces/{space.slug}/edit")
    assert page.locator("input[name=reminder_offsets][value='120']").is_checked()
    assert not page.locator("input[name=reminder_offsets][value='10080']").is_checked()
