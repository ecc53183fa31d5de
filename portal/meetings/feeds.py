"""The personal calendar feed: a secret token per member, in the feed's URL."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select

from portal.accounts.models import User
from portal.core.extensions import db

#: What a token looks like (secrets.token_urlsafe(32)); anything else is not looked up.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_token() -> str:
    """A fresh unguessable token (256 bits)."""
    return secrets.token_urlsafe(32)


def ensure_calendar_token(user: User) -> str:
    """The member's feed token, created on first use."""
    if not user.calendar_token:
        user.calendar_token = new_token()
        db.session.flush()
    return user.calendar_token


def regenerate_calendar_token(user: User) -> str:
    """Replace the token: the old feed URL stops working at once."""
    user.calendar_token = new_token()
    db.session.flush()
    return user.calendar_token


def user_for_token(token: str) -> User | None:
    """The active member whose feed `token` is, or None."""
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    if user is None or user.is_deleted:
        return None
    return user
