"""Every accounts email: text and HTML parts, the recipient's language, the shared layout."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.accounts import emails
from portal.accounts.models import User
from portal.core.extensions import db
from portal.notifications.models import OutboxEmail
from tests import factories

SENDERS = {
    "accounts/confirm": (lambda user: emails.send_confirmation(user), "/auth/confirm/"),
    "accounts/already_registered": (
        lambda user: emails.send_already_registered(user),
        "/auth/reset",
    ),
    "accounts/reset": (lambda user: emails.send_reset(user), "/auth/reset/"),
    "accounts/email_change": (
        lambda user: emails.send_email_change(user, "new@example.org"),
        "/account/email/confirm/",
    ),
    "accounts/email_change_notice": (
        lambda user: emails.send_email_change_notice(user, "new@example.org"),
        "/auth/reset",
    ),
    "accounts/password_changed": (lambda user: emails.send_password_changed(user), "/auth/reset"),
    "accounts/two_factor_reset": (lambda user: emails.send_two_factor_reset(user), "/auth/login"),
}


def written() -> SimpleNamespace:
    """The one outbox row the test wrote, read before rolling it back."""
    row = db.session.scalar(select(OutboxEmail))
    copy = SimpleNamespace(**{c.name: getattr(row, c.name) for c in OutboxEmail.__table__.columns})
    db.session.rollback()
    return copy


@pytest.mark.parametrize("template", sorted(SENDERS))
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_email_has_both_parts_in_the_recipients_language(app, template, locale):
    member = factories.user(locale=locale, display_name="Camille <b>Martin</b>")
    send, link = SENDERS[template]
    with app.test_request_context(headers={"Accept-Language": "de"}):
        send(db.session.get(User, member.id))
        email = written()
    assert email.template == template and email.locale == locale
    assert f"http://localhost{link}" in email.body_text
    assert f'href="http://localhost{link}' in email.body_html
    assert f'<html lang="{locale}">' in email.body_html
    assert "Camille <b>Martin</b>" in email.body_text  # plain text is not HTML-escaped
    assert "Camille &lt;b&gt;Martin&lt;/b&gt;" in email.body_html
    footer = email.body_html.rsplit("<td", 1)[-1]
    assert "Maillage" in footer and "http://localhost/" in footer
    assert not re.search(r"<img|<script|<link|url\(", email.body_html)


def test_unconfirmed_owner_gets_a_confirmation_link_with_the_duplicate_notice(app):
    member = factories.user(confirmed=False, locale="en")
    with app.test_request_context():
        emails.send_already_registered(db.session.get(User, member.id))
        email = written()
    assert "/auth/confirm/" in email.body_text
