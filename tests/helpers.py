"""Helpers shared by request tests: CSRF tokens (CSRF stays on in tests) and form posts."""

from __future__ import annotations

import re

CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


def csrf_token(client, path: str = "/auth/check-inbox") -> str:
    """The CSRF token of `client`'s session, read from a page (every page has one in its header).

    The default page is static and answers anyone, logged in or not.
    """
    html = client.get(path).get_data(as_text=True)
    match = CSRF_PATTERN.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client, path: str, data: dict | None = None, **kwargs):
    """POST `data` to `path` as a browser would, with the session's CSRF token."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client))
    return client.post(path, data=data, **kwargs)
