"""Signed unsubscribe links (RFC 8058 one-click): no login, no CSRF token, only a signature."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from portal.notifications.preferences import Category

SALT = "maillage-unsubscribe"

#: Loads a member by id for the unsubscribe page; accounts registers it on import (the
#: email engine sits below accounts and does not import its models).
_MEMBER_LOADER: list[Callable] = []


def register_member_loader(loader: Callable) -> None:
    """`loader(user_id)` returns the member of that id, or None."""
    _MEMBER_LOADER[:] = [loader]


def member_of_token(user_id: int):
    """The member an unsubscribe link names (None when gone)."""
    return _MEMBER_LOADER[0](user_id)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(user_id: int, category: Category | str) -> str:
    """A token naming the member and the category. It does not expire: an old
    email's link must still work, and it can do nothing but stop mail."""
    return _serializer().dumps([user_id, str(Category(category))])


def read_token(token: str) -> tuple[int, Category] | None:
    """(user id, category) of a valid token; None when tampered or malformed."""
    try:
        user_id, category = _serializer().loads(token)
        return int(user_id), Category(category)
    except (BadSignature, ValueError, TypeError):
        return None


def unsubscribe_url(user_id: int, category: Category | str) -> str:
    """The absolute HTTPS link of the List-Unsubscribe header and the email footer."""
    base_url = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    return f"{base_url}/unsubscribe/{make_token(user_id, category)}"


def unsubscribe_headers(user_id: int, category: Category | str) -> dict:
    """List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user_id, category)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
