"""Signed, time-limited links sent by email (itsdangerous), one salt per purpose.

A token carries what must still be true when it is opened, so it dies by
itself once used: the reset token holds a fingerprint of the current password
hash, the email-change token the address it changes from, the confirmation
token the address it confirms.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM = "confirm-email"
RESET = "reset-password"
CHANGE_EMAIL = "change-email"
#: Not emailed: the session's proof that the password step of a two-step login passed.
TWO_FACTOR_LOGIN = "two-factor-login"
#: Purpose -> config key of its validity.
MAX_AGE_SETTINGS = {
    CONFIRM: "CONFIRM_TOKEN_MAX_AGE",
    RESET: "RESET_TOKEN_MAX_AGE",
    CHANGE_EMAIL: "CONFIRM_TOKEN_MAX_AGE",
    TWO_FACTOR_LOGIN: "TWO_FACTOR_LOGIN_MAX_AGE",
}
#: Longer strings are not ours: refuse them before any work.
MAX_TOKEN_LENGTH = 500


class InvalidToken(Exception):
    """The link is tampered with, for another purpose, expired, or already used."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"accounts.{purpose}")


def make_token(purpose: str, payload: dict) -> str:
    """Sign `payload` for `purpose`."""
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str) -> dict:
    """The payload of a valid token for `purpose`; raises InvalidToken otherwise."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken()
    max_age = current_app.config[MAX_AGE_SETTINGS[purpose]].total_seconds()
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except BadSignature as error:
        raise InvalidToken() from error
    if not isinstance(payload, dict) or not isinstance(payload.get("uid"), int):
        raise InvalidToken()
    return payload


def password_fingerprint(password_hash: str | None) -> str:
    """A short keyed digest of the password hash: changes whenever the password does."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (password_hash or "").encode(), hashlib.sha256).hexdigest()[:16]


def same_fingerprint(password_hash: str | None, fingerprint) -> bool:
    """Compare in constant time."""
    return isinstance(fingerprint, str) and hmac.compare_digest(
        password_fingerprint(password_hash), fingerprint
    )
