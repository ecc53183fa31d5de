"""Changing the password (other logins end) and the email address (by a link to the new one)."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import LoginSession, User
from portal.core.extensions import db
from tests import factories
from tests.accounts.helpers import is_logged_in, link_path, log_in, received
from tests.factories import PASSWORD
from tests.helpers import post_form

NEW_PASSWORD = "cerisier brouette minuit 2741 lanterne"


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, again=None):
    data = {"current_password": current, "password": new, "confirm": again or new}
    return post_form(client, "/account/password", data)


def change_email(client, email, password=PASSWORD):
    return post_form(client, "/account/email", {"email": email, "current_password": password})


def stored(app, member_id) -> User:
    with app.app_context():
        user = db.session.get(User, member_id)
        db.session.expunge(user)
        return user


# --- password -----------------------------------------------------------------


def test_password_change_needs_the_current_password(app, client, signed_in):
    before = stored(app, signed_in.id).password_hash
    response = change_password(client, current="not my password at all")
    assert response.status_code == 200
    assert "This is not your current password." in response.get_data(as_text=True)
    assert stored(app, signed_in.id).password_hash == before


def test_password_change_refuses_weak_same_and_mismatched_passwords(client, signed_in):
    cases = [
        ({"new": "short"}, "at least 12 characters"),
        ({"new": "x" * 129}, "at most 128 characters"),
        ({"new": "password123456"}, "commonly used password"),
        ({"new": signed_in.email}, "easy to guess"),
        ({"new": PASSWORD}, "different from the current one"),
        ({"again": NEW_PASSWORD + "!"}, "not the same"),
    ]
    for fields, message in cases:
        response = change_password(client, **fields)
        assert message in response.get_data(as_text=True), message


def test_password_change_ends_other_logins_and_keeps_this_browser(app, client, member, outbox):
    log_in(client, member.email, remember=True)
    old_session = client.get_cookie("session").value
    old_remember = client.get_cookie("remember_token").value
    other_device = factories.login_record(member)
    response = change_password(client)
    assert response.status_code == 302 and response.location == "/account/"
    assert is_logged_in(client)
    with app.app_context():
        logins = db.session.scalars(select(LoginSession).order_by(LoginSession.id)).all()
        assert [login.ended_at is None for login in logins] == [False, False, True]
        assert logins[-1].is_remembered  # the fresh login keeps "remember me"
    assert [e["template"] for e in outbox()] == ["accounts/password_changed"]
    # The old cookies, replayed from another browser, are refused.
    for name, value in (("session", old_session), ("remember_token", old_remember)):
        replay = app.test_client()
        replay.set_cookie(name, value)
        assert not is_logged_in(replay), name
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = other_device.raw_token
    assert not is_logged_in(other)
    post_form(client, "/auth/logout")
    assert log_in(client, member.email, NEW_PASSWORD).status_code == 302


# --- email --------------------------------------------------------------------


def test_email_change_needs_the_password(app, client, signed_in, outbox):
    response = change_email(client, "new@example.org", password="not my password at all")
    assert "This is not your current password." in response.get_data(as_text=True)
    assert outbox() == []


def test_email_change_refuses_invalid_addresses(client, signed_in, outbox):
    for email, message in (
        ("a" * 243 + "@example.org", "at most 254 characters"),
        ("nope", "valid email address"),
        (signed_in.email.upper(), "already your email address"),
    ):
        response = change_email(client, email)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert outbox() == []


def test_email_changes_only_when_the_link_sent_to_the_new_address_is_opened(
    app, client, signed_in, smtp_server, deliver
):
    old_email = signed_in.email
    response = change_email(client, "  New.Address@Example.org ")
    assert response.status_code == 302
    assert stored(app, signed_in.id).email == old_email
    [notice] = received(smtp_server, deliver, to=old_email)
    assert "new.address@example.org" in notice.get_body(preferencelist=("plain",)).get_content()
    [message] = [m for m in smtp_server.messages() if m["To"] == "new.address@example.org"]
    path = link_path(message, "/account/email/confirm/")
    assert client.get(path).location == "/account/"
    user = stored(app, signed_in.id)
    assert user.email == "new.address@example.org" and user.is_confirmed
    # Used once: the account no longer has the address the link changes from.
    again = client.get(path, follow_redirects=True)
    assert "not valid or was already used" in again.get_data(as_text=True)
    assert log_in(app.test_client(), "new.address@example.org").status_code == 302


def test_email_change_to_a_taken_address_looks_the_same_and_tells_its_owner(
    app, client, signed_in, outbox
):
    owner = factories.user(email="taken@example.org")
    response = change_email(client, "taken@example.org")
    assert response.status_code == 302
    emails = {e["recipient"]: e["template"] for e in outbox()}
    assert emails == {
        "taken@example.org": "accounts/already_registered",
        signed_in.email: "accounts/email_change_notice",
    }
    assert stored(app, signed_in.id).email != owner.email


def test_email_change_link_is_refused_when_the_address_was_taken_since(
    app, client, signed_in, smtp_server, deliver
):
    change_email(client, "later@example.org")
    [message] = received(smtp_server, deliver, to="later@example.org")
    path = link_path(message, "/account/email/confirm/")
    factories.user(email="later@example.org")
    response = client.get(path, follow_redirects=True)
    assert "already used by another account" in response.get_data(as_text=True)
    assert stored(app, signed_in.id).email == signed_in.email


def test_tampered_email_change_link_is_refused(client, signed_in):
    response = client.get("/account/email/confirm/garbage", follow_redirects=True)
    assert "not valid or was already used" in response.get_data(as_text=True)


# --- logins -------------------------------------------------------------------


def test_member_cannot_end_someone_elses_login(app, client, signed_in):
    stranger = factories.user()
    theirs = factories.login_record(stranger)
    response = post_form(client, f"/account/logins/{theirs.id}/end")
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(LoginSession, theirs.id).ended_at is None


def test_ending_an_unknown_login_is_not_found(client, signed_in):
    assert post_form(client, "/account/logins/999999/end").status_code == 404
    assert post_form(client, "/account/logins/abc/end").status_code == 404


def test_ending_a_login_needs_a_csrf_token(app, client, signed_in):
    other = factories.login_record(signed_in)
    assert client.post(f"/account/logins/{other.id}/end").status_code == 400


def test_member_ends_one_of_their_other_logins(app, client, signed_in):
    other = factories.login_record(signed_in)
    page = client.get("/account/logins").get_data(as_text=True)
    assert "Firefox on Linux" in page and "this device" in page
    response = post_form(client, f"/account/logins/{other.id}/end")
    assert response.location == "/account/logins"
    assert is_logged_in(client)
    replay = app.test_client()
    with replay.session_transaction() as session:
        session["_user_id"] = other.raw_token
    assert not is_logged_in(replay)


def test_ending_this_devices_login_logs_out(app, client, signed_in):
    with app.app_context():
        mine = db.session.scalar(select(LoginSession.id))
    response = post_form(client, f"/account/logins/{mine}/end")
    assert response.location == "/auth/login"
    assert not is_logged_in(client)


def test_member_logs_out_every_other_device(app, client, signed_in):
    others = [factories.login_record(signed_in) for _ in range(2)]
    response = post_form(client, "/account/logins/end-others", follow_redirects=True)
    assert "2 devices logged out." in response.get_data(as_text=True)
    assert is_logged_in(client)
    with app.app_context():
        for other in others:
            assert db.session.get(LoginSession, other.id).ended_at is not None
