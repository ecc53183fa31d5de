"""Registration: refused cases first, then the account, its confirmation email and link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.core.extensions import db
from tests import factories
from tests.accounts.helpers import STRONG_PASSWORD, link_path, log_in, received, text_part
from tests.helpers import post_form


def register(client, **fields):
    """Post the registration form with valid values, overridden by `fields`."""
    data = {
        "email": "camille@example.org",
        "display_name": "Camille Martin",
        "password": STRONG_PASSWORD,
        "accept_privacy": "y",
    }
    data.update(fields)
    return post_form(client, "/auth/register", {k: v for k, v in data.items() if v is not None})


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"accept_privacy": None}, "Accept the privacy notice"),
        ({"password": "short pass"}, "at least 12 characters"),
        ({"password": "x" * 100 + "Zq8!" * 8}, "at most 128 characters"),
        ({"password": "password123456"}, "commonly used password"),
        ({"password": "maillage2026maillage"}, "easy to guess"),
        ({"password": "camille@example.org"}, "easy to guess"),
        ({"password": "camillemartin1985"}, "easy to guess"),
        ({"display_name": "x" * 101}, "at most 100 characters"),
        ({"display_name": "   "}, "Enter your name"),
        ({"email": "a" * 243 + "@example.org"}, "at most 254 characters"),
        ({"email": "not-an-address"}, "valid email address"),
    ],
)
def test_registration_refuses_invalid_fields_with_a_form_error(app, client, fields, message):
    response = register(client, **fields)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert user_count(app) == 0


def test_registration_needs_a_csrf_token(app, client):
    response = client.post("/auth/register", data={"email": "camille@example.org"})
    assert response.status_code == 400
    assert user_count(app) == 0


def test_duplicate_registration_shows_the_same_page_and_emails_the_owner(app, client, outbox):
    owner = factories.user(email="camille@example.org", locale="en")
    response = register(client, email="  Camille@Example.org ", display_name="Someone Else")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/check-inbox"
    assert user_count(app) == 1
    [email] = outbox()
    assert email["recipient"] == owner.email and email["user_id"] == owner.id
    assert email["template"] == "accounts/already_registered"
    assert email["locale"] == "en"
    assert "Someone tried to create an account" in email["body_text"]
    assert "/auth/reset" in email["body_text"]


def test_new_and_duplicate_registrations_look_the_same(client):
    factories.user(email="taken@example.org")
    new = register(client, email="new@example.org")
    taken = register(client, email="taken@example.org")
    assert (new.status_code, new.location) == (taken.status_code, taken.location)
    assert "Check your inbox" in client.get(new.headers["Location"]).get_data(as_text=True)


def test_registration_creates_an_unconfirmed_member_and_emails_the_link(app, client, outbox):
    client.get("/", headers={"Accept-Language": "en"})
    response = register(client, email="  Camille@Example.ORG ", display_name=" Camille Martin ")
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "camille@example.org"
        assert user.display_name == "Camille Martin"
        assert user.role == "member" and not user.is_confirmed
        assert user.privacy_accepted_at is not None
        assert user.password_hash and STRONG_PASSWORD not in user.password_hash
    [email] = outbox()
    assert email["template"] == "accounts/confirm" and email["recipient"] == "camille@example.org"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_confirmation_email_is_in_the_page_language(app, client, outbox, language):
    post_form(client, "/language", {"language": language, "next": "/"})
    register(client)
    [email] = outbox()
    assert email["locale"] == language
    with app.app_context():
        assert db.session.scalar(select(User.locale)) == language


def test_confirmation_link_received_by_mail_works_once(app, client, smtp_server, deliver):
    register(client)
    [message] = received(smtp_server, deliver, to="camille@example.org")
    assert message.get_body(preferencelist=("html",)) is not None
    path = link_path(message, "/auth/confirm/")
    first = client.get(path, follow_redirects=True)
    assert "Your email address is confirmed" in first.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User)).is_confirmed
    second = client.get(path, follow_redirects=True)
    assert "already confirmed" in second.get_data(as_text=True)


def test_expired_confirmation_link_is_refused(app, client, smtp_server, deliver, monkeypatch):
    register(client)
    [message] = received(smtp_server, deliver)
    path = link_path(message, "/auth/confirm/")
    monkeypatch.setitem(app.config, "CONFIRM_TOKEN_MAX_AGE", timedelta(seconds=-1))
    response = client.get(path)
    assert response.headers["Location"] == "/auth/confirm/resend"
    with app.app_context():
        assert not db.session.scalar(select(User)).is_confirmed


def test_tampered_confirmation_link_is_refused(app, client):
    response = client.get("/auth/confirm/" + "x" * 40)
    assert response.status_code == 302
    assert client.get("/auth/confirm/" + "x" * 5000).status_code in (302, 404)


def test_unconfirmed_member_can_log_in_and_is_invited_to_confirm(client):
    member = factories.user(confirmed=False, locale="en")
    response = log_in(client, member.email)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "not confirmed yet" in page
    assert "/auth/confirm/resend" in page


def test_registered_person_is_not_logged_in_before_confirming(client):
    register(client)
    assert client.get("/account/").status_code == 302


def test_logged_in_member_is_sent_to_the_profile_from_register(client, signed_in):
    assert client.get("/auth/register").headers["Location"] == "/account/"


def test_privacy_checkbox_links_to_the_privacy_notice(client):
    page = client.get("/auth/register").get_data(as_text=True)
    assert 'href="/confidentialite"' in page
    assert 'name="accept_privacy"' in page


def test_confirmed_email_text_mentions_the_validity(client, smtp_server, deliver):
    register(client)
    [message] = received(smtp_server, deliver)
    assert "48" in text_part(message)


def test_twin_registration_losing_the_race_is_told_like_a_duplicate(
    app, client, outbox, monkeypatch
):
    from portal.accounts import services

    owner = factories.user(email="camille@example.org")
    real_lookup = services.find_user_by_email
    calls = []

    def lookup_missing_the_twin_once(email):
        calls.append(email)
        return None if len(calls) == 1 else real_lookup(email)

    monkeypatch.setattr(services, "find_user_by_email", lookup_missing_the_twin_once)
    response = register(client)
    assert response.status_code == 302 and response.location == "/auth/check-inbox"
    assert user_count(app) == 1
    assert [(e["recipient"], e["template"]) for e in outbox()] == [
        (owner.email, "accounts/already_registered")
    ]
