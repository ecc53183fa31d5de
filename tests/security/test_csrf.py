"""CSRF: every state-changing route refuses a form without its token, and writes nothing.

The test configuration keeps CSRF on (tests/helpers.py posts real tokens); `no_csrf` is
opt-in per package. Each POST route is sent its sample form, without the token, by a
persona allowed to use it: the answer is the "form expired" page (400) and every table
is unchanged. The only exemptions are listed, with their reason, in routes.CSRF_EXEMPT.
"""

from __future__ import annotations

import pytest

from tests.security.db_state import changed_tables, snapshot
from tests.security.helpers import send, url_of
from tests.security.routes import CSRF_EXEMPT, ROUTES, post_routes
from tests.security.world import PERSONAS

EXPIRED = "Your form expired or was sent from elsewhere"


def test_csrf_protection_is_on_in_the_tests(app):
    assert app.config.get("WTF_CSRF_ENABLED", True) is True


@pytest.mark.parametrize("endpoint", [e for e in post_routes() if e not in CSRF_EXEMPT])
def test_post_without_a_csrf_token_is_refused_and_writes_nothing(app, as_viewer, world, endpoint):
    access = ROUTES[endpoint]
    code = access.post[0]
    client = as_viewer(world.person(code))
    client.get("/auth/check-inbox")  # the session holds a CSRF secret, as a browser's would
    before = snapshot()
    response = send(client, "POST", url_of(app, endpoint, world), access.data, token=None)
    assert response.status_code == 400, f"{endpoint} as {PERSONAS[code]}"
    assert EXPIRED in response.get_data(as_text=True)
    assert changed_tables(before, snapshot()) == []


@pytest.mark.parametrize("endpoint", sorted(CSRF_EXEMPT))
def test_exempt_routes_take_a_post_without_token_or_cookie(app, world, endpoint):
    """What a mail client sends: no cookie, no token (the signed URL is the credential)."""
    access = ROUTES[endpoint]
    assert access.post is not None and "a" in access.post
    response = send(app.test_client(), "POST", url_of(app, endpoint, world), access.data)
    assert response.status_code != 400


@pytest.mark.parametrize("bad_token", ["", "forged", "x" * 5000])
def test_a_wrong_token_is_as_bad_as_none(app, as_viewer, world, bad_token):
    client = as_viewer(world.person("m"))
    client.get("/auth/check-inbox")
    before = snapshot()
    url = url_of(app, "forums.reply", world)
    response = send(client, "POST", url, {"body": "Bonjour"}, token=bad_token)
    assert response.status_code == 400
    assert changed_tables(before, snapshot()) == []


def test_a_token_of_another_session_is_refused(app, as_viewer, world):
    from tests.helpers import csrf_token

    stolen = csrf_token(as_viewer(world.person("o")))
    client = as_viewer(world.person("m"))
    client.get("/auth/check-inbox")
    before = snapshot()
    response = send(client, "POST", url_of(app, "forums.reply", world), {"body": "Hi"}, stolen)
    assert response.status_code == 400
    assert changed_tables(before, snapshot()) == []
