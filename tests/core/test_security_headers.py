"""Security headers on every response; cookies HttpOnly, SameSite=Lax, and Secure in production."""

import pytest

from config import DEV_SECRET_KEY
from portal import ConfigurationError, create_app
from tests.helpers import csrf_token


def assert_security_headers(response):
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/accessibilite", 200),
        ("/confidentialite", 200),
        ("/healthz", 200),
        ("/static/css/portal.css", 200),
        ("/static/favicon.svg", 200),
        ("/no/such/page", 404),
        ("/language", 405),
    ],
)
def test_every_response_carries_the_security_headers(client, path, status):
    with client.get(path) as response:
        assert response.status_code == status
        assert_security_headers(response)


def test_redirects_and_form_errors_carry_the_security_headers(client):
    token = csrf_token(client)
    assert_security_headers(client.post("/language", data={"csrf_token": token, "language": "en"}))
    assert_security_headers(client.post("/accessibilite", data={"csrf_token": "stale"}))


def test_a_crash_page_carries_the_security_headers(client, app, monkeypatch):
    def broken_view():
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "site.privacy", broken_view)
    response = client.get("/confidentialite")
    assert response.status_code == 500
    assert_security_headers(response)


def session_cookie(response) -> str:
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


def test_session_cookie_is_http_only_and_same_site_lax(client):
    cookie = session_cookie(client.get("/accessibilite"))  # the form stores a CSRF secret
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # testing runs over plain http


def test_remember_cookie_settings_match_the_session_cookie(app):
    assert app.config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


@pytest.fixture
def production_app(tmp_path):
    """The production configuration with a proper secret, on a throwaway database."""
    app = create_app(
        "production",
        overrides={
            "SECRET_KEY": "k" * 64,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "MAIL_FILE_DIR": str(tmp_path / "mail"),
        },
    )
    yield app
    from portal.core.extensions import db

    with app.app_context():
        db.engine.dispose()


def test_production_cookies_are_secure(production_app):
    assert production_app.config["SESSION_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True
    response = production_app.test_client().get("/no/such/page")
    cookie = session_cookie(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert_security_headers(response)


@pytest.mark.parametrize("secret", [DEV_SECRET_KEY, "", "short-secret", "x" * 31])
def test_production_refuses_to_start_without_a_real_secret_key(secret, tmp_path):
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app(
            "production",
            overrides={
                "SECRET_KEY": secret,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            },
        )


def test_development_accepts_the_development_secret(tmp_path):
    app = create_app(
        "development",
        overrides={"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'dev.sqlite3'}"},
    )
    assert app.config["SECRET_KEY"] == DEV_SECRET_KEY
