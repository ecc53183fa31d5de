"""Logging in and out: refused cases first, then real logins that really end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal.accounts.models import LoginSession
from portal.core.db import utcnow
from portal.core.extensions import db
from tests import factories
from tests.accounts.helpers import is_logged_in, log_in
from tests.helpers import csrf_token, post_form

SAME_MESSAGE = "Wrong email address or password."


def test_wrong_password_is_refused(client, member):
    response = log_in(client, member.email, "not the right password at all")
    assert response.status_code == 200
    assert SAME_MESSAGE in response.get_data(as_text=True)
    assert not is_logged_in(client)


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client, member):
    wrong = log_in(client, member.email, "not the right password at all")
    unknown = log_in(client, "nobody@example.org", "not the right password at all")
    assert SAME_MESSAGE in unknown.get_data(as_text=True)
    assert wrong.status_code == unknown.status_code == 200


def test_overlong_login_fields_give_a_form_error_not_a_crash(client):
    response = log_in(client, "a" * 300 + "@example.org", "p" * 5000)
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_deleted_account_can_never_log_in(app, client, member):
    with app.app_context():
        from portal.accounts.models import User

        user = db.session.get(User, member.id)
        user.deleted_at = utcnow()
        db.session.commit()
    response = log_in(client, member.email)
    assert SAME_MESSAGE in response.get_data(as_text=True)
    assert not is_logged_in(client)


def test_login_needs_a_csrf_token(client, member):
    response = client.post("/auth/login", data={"email": member.email, "password": "x"})
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)
    assert not is_logged_in(client)


def test_logout_is_post_only(client, signed_in):
    assert client.get("/auth/logout").status_code == 405
    assert is_logged_in(client)


def test_logout_needs_a_csrf_token(client, signed_in):
    assert client.post("/auth/logout").status_code == 400
    assert is_logged_in(client)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/account/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://localhost.evil.example/",
    ],
)
def test_login_never_redirects_off_site(client, member, target):
    response = log_in(client, member.email, next=target)
    assert response.status_code == 302
    assert response.location == "/"


def test_login_follows_a_next_url_within_the_site(client, member):
    response = log_in(client, member.email, next="/account/logins?x=1")
    assert response.location == "/account/logins?x=1"


def test_login_form_carries_next_from_the_query_string(client):
    page = client.get("/auth/login?next=/account/").get_data(as_text=True)
    assert 'name="next" type="hidden" value="/account/"' in page


def test_member_logs_in_with_email_in_any_case(app, client, member):
    response = log_in(client, "  " + member.email.upper() + " ")
    assert response.status_code == 302
    assert is_logged_in(client)
    with app.app_context():
        [record] = db.session.scalars(select(LoginSession))
        assert record.user_id == member.id and record.ended_at is None
        assert not record.is_remembered


def test_login_without_remember_me_makes_a_session_cookie_of_the_idle_timeout(client, member):
    response = log_in(client, member.email)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Expires=" in cookie
    assert client.get_cookie("remember_token") is None


def test_logout_ends_the_login_and_a_replayed_session_cookie_is_refused(app, client, member):
    log_in(client, member.email)
    stolen = client.get_cookie("session").value
    response = post_form(client, "/auth/logout")
    assert response.status_code == 302
    assert not is_logged_in(client)
    with app.app_context():
        assert db.session.scalar(select(LoginSession.ended_at)) is not None
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/account/").status_code == 302


def test_remember_me_survives_the_end_of_the_browser_session(app, client, member):
    log_in(client, member.email, remember=True)
    remember = client.get_cookie("remember_token").value
    other = app.test_client()  # a restarted browser: only the long-lived cookie is left
    other.set_cookie("remember_token", remember)
    assert is_logged_in(other)


def test_remember_me_cookie_is_refused_after_logout(app, client, member):
    log_in(client, member.email, remember=True)
    remember = client.get_cookie("remember_token").value
    post_form(client, "/auth/logout")
    replay = app.test_client()
    replay.set_cookie("remember_token", remember)
    assert not is_logged_in(replay)


def test_idle_login_expires(app, client, member):
    log_in(client, member.email)
    assert is_logged_in(client)
    with app.app_context():
        idle = app.config["SESSION_IDLE_TIMEOUT"] + timedelta(minutes=1)
        db.session.execute(update(LoginSession).values(last_seen_at=utcnow() - idle))
        db.session.commit()
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.location.startswith("/auth/login")


def test_remembered_login_does_not_expire_when_idle(app, client, member):
    log_in(client, member.email, remember=True)
    with app.app_context():
        db.session.execute(update(LoginSession).values(last_seen_at=utcnow() - timedelta(days=3)))
        db.session.commit()
    assert is_logged_in(client)


def test_recent_activity_keeps_the_login_alive(app, client, member):
    log_in(client, member.email)
    with app.app_context():
        db.session.execute(update(LoginSession).values(last_seen_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    assert is_logged_in(client)
    with app.app_context():
        last_seen = db.session.scalar(select(LoginSession.last_seen_at))
    assert utcnow() - last_seen < timedelta(minutes=1)


def test_logged_in_member_visiting_login_goes_on(client, signed_in):
    assert client.get("/auth/login?next=/account/").location == "/account/"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/auth/login", {"email": "x@example.org", "password": "wrong password"}),
        ("/auth/register", {"email": "x@example.org"}),
        ("/auth/reset", {"email": "x@example.org"}),
        ("/auth/confirm/resend", {"email": "x@example.org"}),
    ],
)
def test_the_eleventh_attempt_in_a_minute_is_refused(client, path, data):
    data = {**data, "csrf_token": csrf_token(client)}
    # A new address each time: the per-account limit (tests/security/test_auth.py) stays out.
    statuses = [
        client.post(path, data={**data, "email": f"x{n}@example.org"}).status_code
        for n in range(11)
    ]
    assert 429 not in statuses[:10]
    assert statuses[10] == 429
    page = client.post(path, data=data).get_data(as_text=True)
    assert "Too many attempts" in page
    assert client.get(path).status_code == 200  # reading the form is not limited


def test_unconfirmed_member_cannot_sign_the_charter(app):
    from portal.accounts.models import User
    from portal.core.permissions import can_sign_charter

    unconfirmed = factories.user(confirmed=False)
    confirmed = factories.user()
    with app.test_request_context():
        user = db.session.get(User, unconfirmed.id)
        user.current_login = None
        assert not can_sign_charter(user)
        assert can_sign_charter(db.session.get(User, confirmed.id))
