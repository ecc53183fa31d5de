"""Requesting a route of the inventory as one persona, and judging the answer."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.helpers import csrf_token
from tests.security.routes import ROUTES

REDIRECTS = {301, 302, 303, 307, 308}


def url_of(app, endpoint: str, world, **overrides) -> str:
    """The sample URL of `endpoint`, its arguments taken from the world by name."""
    [rule] = app.url_map.iter_rules(endpoint)
    names = {**ROUTES[endpoint].args, **overrides}
    values = {name: world.args[names.get(name, name)] for name in rule.arguments}
    return rule.build(values, append_unknown=False)[1]


def outcome(response) -> str:
    """ "login" (sent to log in), "denied" (403/404), "ok" (2xx, 3xx) or the status."""
    status = response.status_code
    if status in REDIRECTS and urlsplit(response.location).path == "/auth/login":
        return "login"
    if status in (403, 404):
        return "denied"
    if status < 400:
        return "ok"
    return str(status)


def expected(allowed: str, code: str, noop: str = "") -> str:
    """What persona `code` should meet on a route that `allowed` personas may use."""
    if code in allowed or code in noop:
        return "ok"
    return "login" if code == "a" else "denied"


#: Referrer policies that never send a full URL (with its tokens) to another site.
SAFE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def security_header_problems(response) -> list[str]:
    """What is missing from the headers every response must carry (tests/core checks values)."""
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    directives = {d.strip().split(" ")[0]: d.strip() for d in policy.split(";") if d.strip()}
    problems = []
    if "default-src" not in directives:
        problems.append("no Content-Security-Policy default-src")
    if directives.get("frame-ancestors") not in (
        "frame-ancestors 'none'",
        "frame-ancestors 'self'",
    ):
        problems.append("no CSP frame-ancestors")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if headers.get("Referrer-Policy") not in SAFE_REFERRER_POLICIES:
        problems.append(f"Referrer-Policy {headers.get('Referrer-Policy')!r}")
    return problems


def token_for(client, method: str) -> str | None:
    """A CSRF token of `client`'s session for a POST (read before any snapshot), else None."""
    return csrf_token(client) if method == "POST" else None


def send(client, method: str, url: str, data: dict | None = None, token: str | None = None):
    """GET or POST `url` (a POST with the route's data, and `token` when given)."""
    if method == "GET":
        response = client.get(url)
    else:
        form = dict(data or {})
        if token:
            form["csrf_token"] = token
        response = client.post(url, data=form)
    response.close()  # static files and downloads hold their file open until closed
    return response
