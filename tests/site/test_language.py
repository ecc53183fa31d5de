"""The language switcher and the choice of language: profile, then switcher, then browser."""

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.core.extensions import db
from tests import factories
from tests.helpers import csrf_token
from tests.site.helpers import html_lang


def switch(client, language, next_url="/confidentialite"):
    return client.post(
        "/language",
        data={"csrf_token": csrf_token(client), "language": language, "next": next_url},
    )


def test_visitor_switches_to_english_and_stays_on_the_page(client):
    response = switch(client, "en")
    assert response.status_code == 302
    assert response.headers["Location"] == "/confidentialite"
    assert html_lang(client.get("/confidentialite")) == "en"
    assert "Privacy notice" in client.get("/confidentialite").get_data(as_text=True)


def test_query_string_of_the_page_is_kept(client):
    response = switch(client, "en", next_url="/allies?q=mene&page=2")
    assert response.headers["Location"] == "/allies?q=mene&page=2"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/path", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_switcher_never_sends_the_visitor_off_site(client, next_url):
    response = switch(client, "en", next_url=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("language", ["de", "", "fr_FR", "../en"])
def test_unknown_language_is_a_bad_request(client, language):
    response = switch(client, language)
    assert response.status_code == 400
    assert html_lang(client.get("/confidentialite")) == "fr"


def test_switcher_needs_a_csrf_token_and_post(client):
    assert client.post("/language", data={"language": "en"}).status_code == 400
    assert client.get("/language").status_code == 405


def test_signed_in_member_choice_is_saved_on_the_profile(client, login_as, app):
    member = login_as("member", locale="fr")
    switch(client, "en")
    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.id == member.id)) == "en"
    assert html_lang(client.get("/confidentialite")) == "en"


def test_profile_language_wins_over_the_session_and_the_browser(client, login):
    member = factories.user(locale="en")
    login(client, member)
    with client.session_transaction() as session:
        session["locale"] = "fr"
    response = client.get("/confidentialite", headers={"Accept-Language": "fr"})
    assert html_lang(response) == "en"


def test_switcher_choice_wins_over_the_browser(client):
    switch(client, "en")
    response = client.get("/confidentialite", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert html_lang(response) == "en"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-US,en;q=0.9", "en"),
        ("de-DE,en;q=0.5", "en"),
        ("fr-CA", "fr"),
        ("de-DE", "fr"),
        (None, "fr"),
    ],
)
def test_browser_language_is_used_otherwise(client, header, expected):
    headers = {"Accept-Language": header} if header else {}
    assert html_lang(client.get("/confidentialite", headers=headers)) == expected


def test_a_stale_session_language_is_ignored(client):
    with client.session_transaction() as session:
        session["locale"] = "xx"
    response = client.get("/confidentialite", headers={"Accept-Language": "en"})
    assert html_lang(response) == "en"
