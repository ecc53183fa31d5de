"""The profile: who may see it, what it accepts, and the preferences it stores."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from portal.accounts.models import User
from portal.alliance.models import Organisation
from portal.core.extensions import db
from tests import factories
from tests.helpers import csrf_token, post_form

ACCOUNT_PAGES = [
    ("GET", "/account/"),
    ("GET", "/account/password"),
    ("GET", "/account/email"),
    ("GET", "/account/logins"),
    ("GET", "/account/export"),
    ("GET", "/account/delete"),
    ("POST", "/account/"),
    ("POST", "/account/password"),
    ("POST", "/account/email"),
    ("POST", "/account/logins/1/end"),
    ("POST", "/account/logins/end-others"),
    ("POST", "/account/delete"),
]


def valid_profile(**fields) -> dict:
    data = {
        "display_name": "Camille Martin",
        "organisation_id": "",
        "locale": "en",
        "timezone": "Europe/Paris",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def stored(app, member) -> User:
    with app.app_context():
        user = db.session.get(User, member.id)
        db.session.expunge(user)
        return user


@pytest.mark.parametrize(("method", "path"), ACCOUNT_PAGES)
def test_anonymous_visitor_is_sent_to_login_with_next(client, method, path):
    data = {} if method == "GET" else {"csrf_token": csrf_token(client)}
    response = client.open(path, method=method, data=data)
    assert response.status_code == 302
    assert response.location.startswith("/auth/login?next=")
    assert quote(path, safe="") in response.location


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"display_name": "x" * 101}, "at most 100 characters"),
        ({"display_name": ""}, "Enter your name"),
        ({"locale": "de"}, "Not a valid choice"),
        ({"locale": "x" * 500}, "Not a valid choice"),
        ({"timezone": "Mars/Olympus_Mons"}, "Not a valid choice"),
        ({"organisation_id": "abc"}, "Invalid Choice"),
        ({"organisation_id": "999999"}, "Not a valid choice"),
        ({"organisation_id": "9" * 40}, "Not a valid choice"),
    ],
)
def test_profile_refuses_invalid_values_with_a_form_error(app, client, signed_in, fields, message):
    response = post_form(client, "/account/", valid_profile(**fields))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert stored(app, signed_in).display_name == signed_in.display_name


def test_profile_saves_details_language_and_zone_but_not_email_choices(app, client, signed_in):
    with app.app_context():
        organisation = Organisation(
            name="Loos-en-Gohelle", slug="loos", kind="collectivite", region="hauts-de-france"
        )
        db.session.add(organisation)
        db.session.commit()
        organisation_id = organisation.id
    response = post_form(
        client,
        "/account/",
        valid_profile(
            display_name="  Camille Martin ",
            organisation_id=str(organisation_id),
            locale="fr",
            timezone="America/Martinique",
            digest="never",  # the email choices have their own page now
        ),
    )
    assert response.status_code == 302 and response.location == "/account/"
    user = stored(app, signed_in)
    assert user.display_name == "Camille Martin"
    assert user.organisation_id == organisation_id
    assert (user.locale, user.timezone) == ("fr", "America/Martinique")
    assert user.notification_preferences["digest"] == "weekly"
    with client.session_transaction() as session:
        assert session["locale"] == "fr"
    assert '<html lang="fr">' in client.get("/account/").get_data(as_text=True)


def test_profile_organisation_is_optional_and_listed_by_name(app, client, signed_in):
    with app.app_context():
        for name, slug in (("Zeta", "zeta"), ("Alpha", "alpha")):
            db.session.add(Organisation(name=name, slug=slug, kind="autre", region="corse"))
        db.session.commit()
    page = client.get("/account/").get_data(as_text=True)
    assert page.index(">Alpha<") < page.index(">Zeta<")
    response = post_form(client, "/account/", valid_profile(organisation_id=""))
    assert response.status_code == 302
    assert stored(app, signed_in).organisation_id is None


def test_profile_shows_the_current_choices_and_links_to_the_email_preferences(client, signed_in):
    page = client.get("/account/").get_data(as_text=True)
    assert 'href="/account/notifications"' in page
    assert 'name="digest"' not in page
    assert '<option selected value="Europe/Paris">' in page
    assert '<option selected value="">None</option>' in page


def test_profile_lists_the_active_logins_with_this_device(client, signed_in):
    factories.login_record(signed_in, user_agent="Mozilla/5.0 (Windows NT 10.0) Chrome/130.0")
    page = client.get("/account/").get_data(as_text=True)
    assert "Chrome on Windows" in page
    assert "this device" in page
    assert "192.0.2.7" in page


def test_new_members_have_default_preferences(app, client, signed_in):
    assert stored(app, signed_in).notification_preferences == {
        "session_reminders": True,
        "digest": "weekly",
        "forum": "digest",
        "mentions": True,
    }


def test_account_pages_answer_a_signed_in_member(client, signed_in):
    for method, path in ACCOUNT_PAGES:
        if method == "GET":
            assert client.get(path).status_code == 200, path


def test_unconfirmed_member_sees_the_confirmation_banner_and_can_resend(app, client, login, outbox):
    member = factories.user(confirmed=False, locale="en")
    login(client, member)
    page = client.get("/account/").get_data(as_text=True)
    assert "not confirmed" in page
    form = client.get("/auth/confirm/resend").get_data(as_text=True)
    assert f'value="{member.email}"' in form
    post_form(client, "/auth/confirm/resend", {"email": member.email})
    assert [e["template"] for e in outbox()] == ["accounts/confirm"]


def test_resend_gives_the_same_answer_whatever_the_address(client, member, outbox):
    unconfirmed = factories.user(confirmed=False)
    answers = [
        post_form(client, "/auth/confirm/resend", {"email": email}).location
        for email in ("nobody@example.org", member.email, unconfirmed.email)
    ]
    assert answers == ["/auth/check-inbox"] * 3
    assert [e["recipient"] for e in outbox()] == [unconfirmed.email]
