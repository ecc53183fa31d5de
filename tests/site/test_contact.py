"""The contact form of the accessibility statement reaches every administrator."""

import pytest
from sqlalchemy import select

from portal.core.extensions import db
from portal.site.models import ContactMessage
from tests import factories
from tests.helpers import csrf_token


def contact_form(client, **fields):
    """A valid contact form, with `fields` overriding its values."""
    data = {
        "csrf_token": csrf_token(client),
        "name": "Camille Martin",
        "email": "camille@example.org",
        "topic": "accessibility",
        "page_url": "/allies",
        "body": "The search button of the directory cannot be reached with the keyboard.",
    }
    data.update(fields)
    return data


def stored_messages(app):
    with app.app_context():
        return list(db.session.scalars(select(ContactMessage).order_by(ContactMessage.id)))


def test_statement_page_has_the_contact_form(client):
    html = client.get("/accessibilite").get_data(as_text=True)
    assert 'id="contact"' in html
    for name in ("name", "email", "topic", "page_url", "body"):
        assert f'name="{name}"' in html
    assert 'maxlength="5000"' in html


def test_message_without_csrf_token_is_refused(client, app):
    data = contact_form(client)
    del data["csrf_token"]
    response = client.post("/accessibilite", data=data)
    assert response.status_code == 400
    assert stored_messages(app) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "n" * 101),
        ("email", ""),
        ("email", "not-an-address"),
        ("email", "a" * 250 + "@example.org"),
        ("topic", "complaint"),
        ("page_url", "p" * 501),
        ("body", ""),
        ("body", "b" * 5001),
    ],
)
def test_invalid_message_is_shown_again_with_errors(client, app, field, value):
    response = client.post("/accessibilite", data=contact_form(client, **{field: value}))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "error-summary" in html
    assert f'id="{field}-error"' in html
    assert stored_messages(app) == []


def test_visitor_message_is_stored_and_queued_for_each_administrator(client, app, outbox):
    french_admin = factories.user(role="admin", locale="fr")
    english_admin = factories.user(role="admin", locale="en")
    factories.user(role="member")
    factories.user(role="admin", deleted_at=factories_now())

    response = client.post("/accessibilite", data=contact_form(client))

    assert response.status_code == 302
    assert response.headers["Location"] == "/accessibilite#top"
    # No language asked: the page, and its confirmation, are in French.
    assert "Merci" in client.get("/accessibilite").get_data(as_text=True)
    [message] = stored_messages(app)
    assert (message.name, message.email, message.topic) == (
        "Camille Martin",
        "camille@example.org",
        "accessibility",
    )
    assert message.page_url == "/allies"
    assert message.user_id is None and message.handled_at is None
    emails = outbox(template="site/contact_message")
    assert [(e["recipient"], e["locale"]) for e in emails] == [
        (french_admin.email, "fr"),
        (english_admin.email, "en"),
    ]
    assert {e["dedupe_key"] for e in emails} == {
        f"contact:{message.id}:{french_admin.id}",
        f"contact:{message.id}:{english_admin.id}",
    }
    assert all(e["headers"] == {"Reply-To": "camille@example.org"} for e in emails)
    english = emails[1]
    assert english["subject"] == "Accessibility problem reported on the portal"
    assert "cannot be reached with the keyboard" in english["body_text"]
    assert "http://localhost/admin/messages" in english["body_text"]
    assert "http://localhost/admin/messages" in english["body_html"]


def test_other_question_has_its_own_subject(client, outbox):
    factories.user(role="admin", locale="en")
    client.post("/accessibilite", data=contact_form(client, topic="other"))
    [email] = outbox(template="site/contact_message")
    assert email["subject"] == "New message from the portal's contact form"


def test_administrators_receive_the_message_by_smtp(client, smtp_server, deliver):
    admin = factories.user(role="admin", locale="en")
    client.post("/accessibilite", data=contact_form(client, body="Line one\n<b>line two</b>"))

    assert deliver().sent == 1
    [received] = smtp_server.messages()
    assert received["To"] == admin.email
    assert received["Reply-To"] == "camille@example.org"
    text = received.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    html = received.get_body(preferencelist=("html",)).get_content()
    assert "Line one\n<b>line two</b>" in text
    assert "&lt;b&gt;line two&lt;/b&gt;" in html and "<b>line two" not in html


def test_signed_in_member_finds_the_form_prefilled_and_the_message_linked(client, login_as, app):
    member = login_as("member", display_name="Dominique Leroy", email="dominique@example.org")
    html = client.get("/accessibilite").get_data(as_text=True)
    assert 'value="Dominique Leroy"' in html
    assert 'value="dominique@example.org"' in html

    client.post("/accessibilite", data=contact_form(client, topic="other"))
    [message] = stored_messages(app)
    assert message.user_id == member.id


def test_message_without_any_administrator_is_still_stored(client, app, outbox):
    response = client.post("/accessibilite", data=contact_form(client))
    assert response.status_code == 302
    assert len(stored_messages(app)) == 1
    assert outbox() == []


def test_sending_messages_is_rate_limited(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "2 per minute")
    for _ in range(2):
        assert client.post("/accessibilite", data=contact_form(client)).status_code == 302
    response = client.post("/accessibilite", data=contact_form(client))
    assert response.status_code == 429
    assert "Trop de tentatives" in response.get_data(as_text=True)  # translated 429 page
    assert len(stored_messages(app)) == 2
    # Reading the statement is never limited.
    assert client.get("/accessibilite").status_code == 200


def factories_now():
    from portal.core.db import utcnow

    return utcnow()
