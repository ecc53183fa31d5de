"""Personal data: the JSON export of every section, and account deletion."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from portal.accounts.models import LoginSession, User
from portal.core import personal_data
from portal.core.extensions import db
from portal.notifications.models import OutboxEmail
from tests import factories
from tests.accounts.helpers import is_logged_in, log_in
from tests.factories import PASSWORD
from tests.helpers import post_form


def delete(client, password=PASSWORD, understood=True):
    data = {"current_password": password}
    if understood:
        data["understood"] = "y"
    return post_form(client, "/account/delete", data)


def test_export_is_a_json_attachment_with_every_registered_section(
    app, client, signed_in, monkeypatch
):
    monkeypatch.setitem(personal_data._EXPORTERS, "test_domain", lambda user: {"id": user.id})
    response = client.get("/account/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Cache-Control"] == "no-store"
    document = json.loads(response.get_data(as_text=True))
    assert set(document["sections"]) == set(personal_data._EXPORTERS)
    assert document["sections"]["test_domain"] == {"id": signed_in.id}


def test_export_holds_profile_preferences_logins_and_emails(app, client, signed_in):
    post_form(client, "/auth/reset", {"email": signed_in.email})  # an email to the member
    sections = json.loads(client.get("/account/export").get_data(as_text=True))["sections"]
    profile = sections["profile"]
    assert profile["email"] == signed_in.email
    assert profile["display_name"] == signed_in.display_name
    assert profile["notification_preferences"]["digest"] == "weekly"
    assert profile["language"] == "en" and profile["time_zone"] == "Europe/Paris"
    [login] = sections["logins"]
    assert set(login) >= {"browser", "ip_address", "created_at", "last_seen_at", "ended_at"}
    [email] = sections["emails"]
    assert email == {
        "subject": "Reset your password",
        "created_at": email["created_at"],
        "sent_at": None,
        "status": "pending",
    }


def test_export_does_not_include_other_members_data(client, signed_in):
    stranger = factories.user(email="stranger@example.org")
    factories.login_record(stranger)
    body = client.get("/account/export").get_data(as_text=True)
    assert "stranger@example.org" not in body
    assert len(json.loads(body)["sections"]["logins"]) == 1


def test_deletion_needs_the_password_and_the_confirmation(app, client, signed_in):
    wrong = delete(client, password="not my password at all")
    assert "This is not your current password." in wrong.get_data(as_text=True)
    unticked = delete(client, understood=False)
    assert "Tick the box to confirm." in unticked.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, signed_in.id).deleted_at is None


def test_deletion_erases_personal_data_and_logs_out(app, client, member, monkeypatch):
    erased = []
    monkeypatch.setattr(
        personal_data, "_ERASERS", [*personal_data._ERASERS, lambda user: erased.append(user.id)]
    )
    log_in(client, member.email, remember=True)
    remember = client.get_cookie("remember_token").value
    factories.login_record(member)
    post_form(client, "/auth/reset", {"email": member.email})
    response = delete(client)
    assert response.status_code == 302 and response.location == "/"
    assert not is_logged_in(client)
    with app.app_context():
        user = db.session.get(User, member.id)
        assert erased == [member.id]
        assert user.email == f"deleted-{member.id}@invalid"
        assert user.display_name == "" and user.password_hash is None
        assert user.notification_preferences == {} and user.organisation_id is None
        assert user.deleted_at is not None and not user.is_active
        assert db.session.scalar(select(func.count(LoginSession.id))) == 0
        assert db.session.scalar(select(func.count(OutboxEmail.id))) == 0
    replay = app.test_client()
    replay.set_cookie("remember_token", remember)
    assert not is_logged_in(replay)
    assert log_in(client, member.email).status_code == 200


def test_deleted_members_address_can_register_again(app, client, member):
    post_form(client, "/auth/login", {"email": member.email, "password": PASSWORD})
    delete(client)
    response = post_form(
        client,
        "/auth/register",
        {
            "email": member.email,
            "display_name": "Back Again",
            "password": "tilleul vélo grenier 1987 ardoise",
            "accept_privacy": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        users = db.session.scalars(select(User).where(User.email == member.email)).all()
        assert [u.display_name for u in users] == ["Back Again"]


def test_former_members_keep_their_contributions_under_a_neutral_name(app):
    gone = factories.deleted_user()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert db.session.get(User, gone.id).public_name == "Former member"
