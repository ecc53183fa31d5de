"""Every error answers with a translated page in the site's layout."""

import pytest
from flask_babel import force_locale

from portal.core.errors import ERROR_TEXTS
from tests.helpers import csrf_token
from tests.site.helpers import html_lang


def provoke(code, client, app, login_as, monkeypatch, headers):
    """Make the app answer `code` the way a visitor could."""
    if code == 400:
        token = csrf_token(client)
        return client.post(
            "/language", data={"csrf_token": token, "language": "xx"}, headers=headers
        )
    if code == 403:
        login_as("member", locale="en" if headers else "fr")
        return client.get("/admin/messages", headers=headers)
    if code == 404:
        return client.get("/no/such/page", headers=headers)
    if code == 405:
        return client.get("/language", headers=headers)
    if code == 413:
        monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
        token = csrf_token(client)
        return client.post(
            "/accessibilite", data={"csrf_token": token, "body": "x" * 4096}, headers=headers
        )
    if code == 429:
        monkeypatch.setitem(app.config, "RATELIMIT_AUTH", "1 per minute")
        token = csrf_token(client)
        client.post("/accessibilite", data={"csrf_token": token})
        return client.post("/accessibilite", data={"csrf_token": token}, headers=headers)
    if code == 500:

        def broken_view():
            raise RuntimeError("a bug")

        monkeypatch.setitem(app.view_functions, "site.privacy", broken_view)
        return client.get("/confidentialite", headers=headers)
    raise AssertionError(code)


def translated_title(app, code, locale):
    """The error title as the catalog of `locale` gives it."""
    with app.test_request_context(), force_locale(locale):
        return str(ERROR_TEXTS[code][0]), str(ERROR_TEXTS[code][1])


CODES = [400, 403, 404, 405, 413, 429, 500]


@pytest.mark.parametrize("code", CODES)
def test_error_page_in_english_uses_the_site_layout(code, client, app, login_as, monkeypatch):
    response = provoke(code, client, app, login_as, monkeypatch, {"Accept-Language": "en"})
    assert response.status_code == code
    html = response.get_data(as_text=True)
    title, message = translated_title(app, code, "en")
    assert html_lang(response) == "en"
    assert f"<title>{title} · Maillage</title>" in html
    assert f"<h1>{title}</h1>" in html
    assert message in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "Accessibility: partially compliant" in html
    assert response.headers["Content-Type"].startswith("text/html")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("code", CODES)
def test_error_page_follows_the_french_default(code, client, app, login_as, monkeypatch):
    response = provoke(code, client, app, login_as, monkeypatch, {})
    assert response.status_code == code
    title, _message = translated_title(app, code, "fr")
    assert html_lang(response) == "fr"
    assert f"<h1>{title}</h1>" in response.get_data(as_text=True)


def test_english_texts_are_different_from_french_once_translated(app):
    """Guards against an error text that escaped the catalog (a plain str, not lazy)."""
    for title, message in ERROR_TEXTS.values():
        assert type(title).__name__ == "LazyString"
        assert type(message).__name__ == "LazyString"


def test_expired_form_explains_itself(client):
    response = client.post(
        "/accessibilite", data={"csrf_token": "stale"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert "Your form expired" in response.get_data(as_text=True)


def test_json_clients_get_json_errors(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json == {"error": "Not Found"}


def test_a_crash_is_logged_and_does_not_leak_details(client, app, monkeypatch, caplog):
    def broken_view():
        raise RuntimeError("secret internals")

    monkeypatch.setitem(app.view_functions, "site.privacy", broken_view)
    response = client.get("/confidentialite")
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True)
    assert "secret internals" in caplog.text
