"""Optional mail says why it came and how to stop it, in both parts and in its headers."""

from __future__ import annotations

from portal.accounts.emails import send_reset
from portal.accounts.models import User
from portal.core.extensions import db
from portal.notifications.preferences import Category
from portal.notifications.services import enqueue_for_user
from tests import factories


def mention(user):
    return enqueue_for_user(
        user,
        category=Category.MENTIONS,
        template="notifications/test",
        subject="Mention",
        dedupe_key="mention:1",
    )


def test_optional_mail_has_the_footer_in_both_parts(app):
    member = factories.user()
    with app.app_context():
        email = mention(db.session.get(User, member.id))
        link = email.headers["List-Unsubscribe"].strip("<>")
        assert link.startswith("http://localhost/unsubscribe/")
        for body in (email.body_text, email.body_html):
            assert "Why you get this email" in body and "Mentions of my name" in body
            assert link in body
            assert "http://localhost/account/notifications" in body
        assert email.body_text.rstrip().endswith("/account/notifications")


def test_the_footer_follows_the_member_language(app):
    member = factories.user(locale="fr")
    with app.app_context():
        email = mention(db.session.get(User, member.id))
        assert email.locale == "fr"
        assert "/unsubscribe/" in email.body_text


def test_essential_mail_has_no_unsubscribe_footer_nor_header(app):
    member = factories.user()
    with app.app_context():
        send_reset(db.session.get(User, member.id))
        db.session.commit()
        from sqlalchemy import select

        from portal.notifications.models import OutboxEmail

        email = db.session.scalar(select(OutboxEmail))
        assert "List-Unsubscribe" not in email.headers
        assert "/unsubscribe/" not in email.body_text + email.body_html


def test_the_headers_reach_the_mail_client(app, smtp_server, deliver):
    member = factories.user()
    with app.app_context():
        mention(db.session.get(User, member.id))
        db.session.commit()
    deliver()
    [message] = smtp_server.messages()
    assert message["List-Unsubscribe"].strip().startswith("<http://localhost/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    assert "Stop these emails:" in text
