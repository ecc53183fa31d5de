"""Authenticator-app secrets encrypted at rest (Fernet: AES-128-CBC with an HMAC-SHA256 tag).

A database dump (a backup) must not let anyone compute members' codes, so
`users.totp_secret` holds a Fernet token, never the base32 secret. Only
twofactor.py calls this module: the rest of the code sees clear secrets.

Keys come from config TOTP_ENCRYPTION_KEYS, a comma-separated list of Fernet keys
(`flask portal new-totp-key` prints one): the first encrypts, every one decrypts,
so a key is rotated by putting the new one first, running
`flask portal reencrypt-totp-secrets`, then dropping the old one. Unset, the key
derives from SECRET_KEY; that derived key is always tried last when decrypting,
so pinning TOTP_ENCRYPTION_KEYS on a running portal breaks nothing. Changing
SECRET_KEY without pinning the old derived key first (`new-totp-key --derived`)
makes every stored secret undecryptable: the members concerned log in with a
recovery code, or an administrator resets their two-factor login.

migrations/versions/5384d608ba7d_*.py repeats the key rule (migrations import no
app code): change both together.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

logger = logging.getLogger(__name__)

#: What the key derived from SECRET_KEY is for; never reuse it for another purpose.
DERIVATION_PURPOSE = b"maillage.totp-secrets"


def derived_key(secret_key: str) -> bytes:
    """The Fernet key derived from SECRET_KEY (HMAC-SHA256, like twofactor._derived_key)."""
    digest = hmac.new(secret_key.encode(), DERIVATION_PURPOSE, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest)


def configured_keys(config: Mapping) -> list[str]:
    """The keys of TOTP_ENCRYPTION_KEYS (a comma-separated string or a list), in order."""
    raw = config.get("TOTP_ENCRYPTION_KEYS") or ()
    if isinstance(raw, str):
        raw = raw.split(",")
    return [key.strip() for key in raw if key and key.strip()]


def keys_problem(config: Mapping) -> str | None:
    """Why TOTP_ENCRYPTION_KEYS cannot be used (checked at startup), or None."""
    for position, key in enumerate(configured_keys(config), start=1):
        try:
            Fernet(key)
        except ValueError:
            return (
                f"TOTP_ENCRYPTION_KEYS: key {position} is not a Fernet key "
                "(32 url-safe base64-encoded bytes; `flask portal new-totp-key` prints one)."
            )
    return None


def cipher(config: Mapping) -> MultiFernet:
    """Encrypts with the first configured key (else the derived one); decrypts with all."""
    keys = [key.encode("ascii") for key in configured_keys(config)]
    fallback = derived_key(config["SECRET_KEY"])
    if fallback not in keys:
        keys.append(fallback)
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(config: Mapping, secret: str) -> str:
    """The token to store for the base32 `secret`."""
    return cipher(config).encrypt(secret.encode()).decode("ascii")


def decrypt(config: Mapping, token: str, *, user_id: int | None = None) -> str | None:
    """The secret in `token`, or None (logged) when no configured key opens it."""
    try:
        return cipher(config).decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeError):
        logger.error(
            "The two-factor secret of user %s cannot be decrypted: TOTP_ENCRYPTION_KEYS "
            "lacks the key that encrypted it (or SECRET_KEY changed). The member can log in "
            "with a recovery code; an administrator can reset their two-factor login.",
            user_id,
        )
        return None


def reencrypt(config: Mapping, token: str) -> str | None:
    """`token` encrypted again with the first key (rotation), or None if undecryptable."""
    try:
        return cipher(config).rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        return None


def new_key() -> str:
    """A fresh random key for TOTP_ENCRYPTION_KEYS."""
    return Fernet.generate_key().decode("ascii")
