"""Cookies in the production configuration: Secure, HttpOnly, SameSite, for both cookies.

The headers of every response are checked by the inventory (test_inventory.py requests
every route as every persona); tests/core/test_security_headers.py checks their values
and the session cookie of an anonymous visit. Here: the cookies a real login sets.
"""

from __future__ import annotations

import pytest

from portal import create_app
from tests.helpers import CSRF_PATTERN
from tests.security.helpers import security_header_problems


@pytest.fixture
def production(tmp_path):
    """create_app("production") with a strong secret on a throwaway SQLite database."""
    from portal.core.extensions import db

    app = create_app(
        "production",
        overrides={
            "SECRET_KEY": "s3cure-" * 10,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "MAIL_FILE_DIR": str(tmp_path / "mail"),
            "UPLOAD_ROOT": str(tmp_path / "uploads"),
        },
    )
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def cookies_set(response) -> dict[str, str]:
    """Set-Cookie headers by cookie name."""
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


HTTPS = "https://localhost"  # Secure cookies travel over HTTPS only (behind the TLS proxy)


def browser_post(client, path: str, data: dict, *, page: str | None = None):
    """Open `page` (default `path`) over HTTPS and submit its form as a browser does: with the
    Referer its Referrer-Policy allows (Flask-WTF checks it over HTTPS: WTF_CSRF_SSL_STRICT)."""
    page = page or path
    shown = client.get(page, base_url=HTTPS)
    token = CSRF_PATTERN.search(shown.get_data(as_text=True)).group(1)
    headers = {}
    if shown.headers.get("Referrer-Policy") != "no-referrer":  # same-origin: the full URL
        headers["Referer"] = HTTPS + page
    return client.post(path, data={**data, "csrf_token": token}, base_url=HTTPS, headers=headers)


def add_user(app, email: str):
    from portal.accounts.models import User
    from portal.accounts.passwords import hash_password
    from portal.core.db import utcnow
    from portal.core.extensions import db
    from tests.factories import PASSWORD

    with app.app_context():
        user = User(
            email=email,
            display_name="Prod",
            password_hash=hash_password(PASSWORD),
            email_confirmed_at=utcnow(),
            privacy_accepted_at=utcnow(),
        )
        db.session.add(user)
        db.session.commit()
        return user.id


def test_production_login_sets_secure_http_only_same_site_cookies(production):
    from tests.factories import PASSWORD

    add_user(production, "prod@example.org")
    client = production.test_client()
    form = {"email": "prod@example.org", "password": PASSWORD, "remember": "y"}
    response = browser_post(client, "/auth/login", form)
    assert response.status_code == 302
    assert security_header_problems(response) == []
    cookies = cookies_set(response)
    assert {"session", "remember_token"} <= cookies.keys()
    for name in ("session", "remember_token"):
        flags = [part.strip().lower() for part in cookies[name].split(";")]
        assert "secure" in flags, name
        assert "httponly" in flags, name
        assert "samesite=lax" in flags or "samesite=strict" in flags, name


def test_the_reset_form_works_over_https_while_its_token_stays_private(production):
    """Pages with a token in their URL keep it from other sites, yet their own forms must
    pass the HTTPS referrer check: "no-referrer" broke the form (400) in production."""
    from portal.accounts import tokens
    from portal.accounts.models import User
    from portal.core.extensions import db

    user_id = add_user(production, "reset@example.org")
    with production.test_request_context():
        token = tokens.make_token(
            tokens.RESET,
            {
                "uid": user_id,
                "fp": tokens.password_fingerprint(db.session.get(User, user_id).password_hash),
            },
        )
    client = production.test_client()
    path = f"/auth/reset/{token}"
    page = client.get(path, base_url=HTTPS)
    assert page.headers["Referrer-Policy"] in ("same-origin", "strict-origin")
    new = "tilleul vélo grenier 1987 ardoise"
    response = browser_post(client, path, {"password": new, "confirm": new})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert response.location.endswith("/auth/login")
