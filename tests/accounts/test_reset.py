"""Password reset by an emailed single-use link."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import LoginSession, User
from portal.core.extensions import db
from tests import factories
from tests.accounts.helpers import STRONG_PASSWORD, is_logged_in, link_path, log_in, received
from tests.helpers import post_form

NEW_PASSWORD = "cerisier brouette minuit 2741 lanterne"


def ask_reset(client, email: str):
    return post_form(client, "/auth/reset", {"email": email})


def reset_link(client, smtp_server, deliver, member) -> str:
    ask_reset(client, member.email)
    [message] = received(smtp_server, deliver, to=member.email)
    return link_path(message, "/auth/reset/")


def choose(client, path: str, password: str = NEW_PASSWORD, again: str | None = None):
    return post_form(client, path, {"password": password, "confirm": again or password})


def test_unknown_address_gets_the_same_answer_and_no_email(client, member, outbox):
    unknown = ask_reset(client, "nobody@example.org")
    known = ask_reset(client, member.email)
    assert unknown.status_code == known.status_code == 302
    assert unknown.location == known.location == "/auth/check-inbox"
    assert [e["recipient"] for e in outbox()] == [member.email]


def test_deleted_account_gets_no_reset_email(client, outbox):
    gone = factories.deleted_user(email="gone@example.org")
    ask_reset(client, "gone@example.org")
    ask_reset(client, gone.email)
    assert outbox() == []


def test_tampered_reset_link_is_refused(client):
    response = client.get("/auth/reset/not-a-real-token")
    assert response.status_code == 302 and response.location == "/auth/reset"


def test_expired_reset_link_is_refused(app, client, member, smtp_server, deliver, monkeypatch):
    path = reset_link(client, smtp_server, deliver, member)
    monkeypatch.setitem(app.config, "RESET_TOKEN_MAX_AGE", timedelta(seconds=-1))
    response = client.get(path, follow_redirects=True)
    assert "This link has expired" in response.get_data(as_text=True)
    assert choose(client, path).location == "/auth/reset"
    assert log_in(client, member.email, NEW_PASSWORD).status_code == 200  # still the old one


def test_reset_refuses_a_weak_or_mismatched_password(client, member, smtp_server, deliver):
    path = reset_link(client, smtp_server, deliver, member)
    weak = choose(client, path, "password123456")
    assert "commonly used password" in weak.get_data(as_text=True)
    own_email = choose(client, path, member.email)
    assert "easy to guess" in own_email.get_data(as_text=True)
    mismatch = choose(client, path, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert "not the same" in mismatch.get_data(as_text=True)


def test_reset_link_received_by_mail_works_once_and_ends_every_login(
    app, client, member, smtp_server, deliver, outbox
):
    other_device = factories.login_record(member, remember=True)
    path = reset_link(client, smtp_server, deliver, member)
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "same-origin"  # see portal.core.security
    response = choose(client, path)
    assert response.status_code == 302 and response.location == "/auth/login"
    with app.app_context():
        ended = db.session.get(LoginSession, other_device.id).ended_at
        assert ended is not None
    assert [e["template"] for e in outbox()][-1] == "accounts/password_changed"
    # Used once: the password hash changed, so the link is dead.
    again = client.get(path, follow_redirects=True)
    assert "not valid or was already used" in again.get_data(as_text=True)
    assert choose(client, path, STRONG_PASSWORD).location == "/auth/reset"
    assert log_in(client, member.email, NEW_PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_reset_link_dies_when_the_password_changes_otherwise(
    app, client, member, smtp_server, deliver
):
    path = reset_link(client, smtp_server, deliver, member)
    with app.app_context():
        from portal.accounts.passwords import hash_password

        db.session.get(User, member.id).password_hash = hash_password(STRONG_PASSWORD)
        db.session.commit()
    assert client.get(path).location == "/auth/reset"


def test_reset_confirms_an_unconfirmed_address(app, client, smtp_server, deliver):
    member = factories.user(confirmed=False, locale="en")
    path = reset_link(client, smtp_server, deliver, member)
    choose(client, path)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.id == member.id)).is_confirmed


def test_reset_email_is_in_the_members_language(client, outbox):
    member = factories.user(locale="fr")
    ask_reset(client, member.email)
    [email] = outbox()
    assert email["locale"] == "fr" and email["template"] == "accounts/reset"
    assert "/auth/reset/" in email["body_text"] and "/auth/reset/" in email["body_html"]
