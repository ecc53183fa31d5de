"""Two-factor login: time-based codes from an authenticator app, and recovery codes.

The rules, without `request` (the views in views/twofactor.py call them):

- Codes are TOTP (RFC 6238: 30-second steps, 6 digits); the step before and
  after the current one are accepted, for clocks a little off.
- A code is good once: the last accepted step is stored on the user and only a
  later step is accepted. The check-and-store is one conditional UPDATE, so two
  requests racing with the same code (even on two machines) cannot both win.
- Recovery codes are random, shown once, stored as a keyed hash (HMAC-SHA256 with
  a key derived from SECRET_KEY: a leaked database alone cannot be brute-forced,
  and a lookup costs one query instead of ten slow password hashes). Spending one
  is also a conditional UPDATE. Rotating SECRET_KEY invalidates them.
- The secret offered during setup derives from SECRET_KEY and a nonce kept in the
  session, so the session cookie never carries it (setup_secret).
- The stored secret is encrypted (totp_cipher.py): store_secret and stored_secret are
  the only way in and out, so nothing else handles ciphertext. A secret no key opens
  fails every code check (and is logged); recovery codes still work.
- Administrators and facilitators must use it (config TWO_FACTOR_REQUIRED_ROLES).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import datetime

import pyotp
import segno
from flask import current_app
from markupsafe import Markup
from sqlalchemy import delete, false, func, or_, select, update

from portal.accounts import totp_cipher
from portal.accounts.models import RecoveryCode, Role, User
from portal.core.db import utcnow
from portal.core.extensions import db

#: Seconds per code; what every authenticator app uses by default.
STEP_SECONDS = 30
DIGITS = 6
#: Steps accepted on either side of the current one (clock drift).
VALID_WINDOW = 1
RECOVERY_CODE_COUNT = 10
#: No 0/o, 1/l/i: recovery codes are copied by hand from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: 10 characters of 31: about 49 bits, shown as two groups of 5.
RECOVERY_LENGTH = 10

_TOTP_CODE = re.compile(r"[0-9]{6}")  # ASCII only: "\d" matches digits of other scripts too


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)


def setup_secret(user: User, nonce: str) -> str:
    """The secret offered to `user` during setup, derived from a random `nonce`.

    The setup page keeps only the nonce in the session (a cookie the browser can
    read); the secret itself needs SECRET_KEY, so an old cookie never reveals it.
    """
    key = _derived_key(b"maillage.totp-setup")
    digest = hmac.new(key, f"{user.id}:{nonce}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()  # 160 bits, 32 characters, no padding


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// link the QR code holds: the app shows "Maillage (address)"."""
    issuer = current_app.config["PORTAL_NAME"]
    return _totp(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def qr_code_svg(uri: str, label: str) -> Markup:
    """The QR code of `uri` as inline SVG markup: no image request, nothing for the CSP to allow.

    `label` is its accessible name; the secret is also shown as text for manual entry.
    """
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="qr-code", lineclass=None
    )
    # segno writes no role: give the picture one, and a name, for screen readers.
    label = Markup.escape(label)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return Markup(svg)  # noqa: S704 - segno's own markup, and the label escaped above


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def current_step(now: datetime | None = None) -> int:
    """The number of the 30-second step `now` falls in."""
    return int((now or utcnow()).timestamp()) // STEP_SECONDS


def matching_step(secret: str, code: str, now: datetime | None = None) -> int | None:
    """The step (within the window around `now`) whose code is `code`, else None."""
    code = normalize_code(code)
    if not _TOTP_CODE.fullmatch(code):
        return None
    totp = _totp(secret)
    here = current_step(now)
    found = None
    for step in range(here - VALID_WINDOW, here + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step  # keep looking: compare every step, so timing says nothing
    return found


def normalize_code(code: str | None) -> str:
    """What people type, without spaces and dashes, lower-cased."""
    return re.sub(r"[\s-]+", "", code or "").lower()


def looks_like_totp(code: str | None) -> bool:
    """Six digits: an app code; anything else is tried as a recovery code."""
    return _TOTP_CODE.fullmatch(normalize_code(code)) is not None


# --- required for some roles ---------------------------------------------------------


def is_required(user: User) -> bool:
    """Whether `user` must use two-factor login: administrators and facilitators."""
    if not current_app.config["TWO_FACTOR_REQUIRED_ROLES"] or user.is_deleted:
        return False
    if user.role == Role.ADMIN.value:
        return True
    # Known already when the login was loaded for this request (logins.load_login).
    known = getattr(user, "facilitates_a_space", None)
    if known is not None:
        return known
    return bool(db.session.scalar(select(facilitates_a_space(user.id))))


#: SQL for "facilitates at least one space", registered by spaces on import: accounts sits
#: below spaces and does not import it. Unregistered (no spaces), nobody facilitates.
_FACILITATES: list[Callable] = []


def register_facilitator_clause(clause: Callable) -> None:
    """`clause(user_id)`: SQL, whether the user (an id or a column) facilitates a space."""
    _FACILITATES[:] = [clause]


def facilitates_a_space(user_id):
    """SQL: whether the user (an id or a column) facilitates at least one space."""
    if not _FACILITATES:
        return false()
    return _FACILITATES[0](user_id)


# --- the stored secret ---------------------------------------------------------------


def store_secret(user: User, secret: str | None) -> None:
    """Keep `secret` (base32, clear) on the user, encrypted; None forgets it."""
    user.totp_secret_encrypted = (
        None if secret is None else totp_cipher.encrypt(current_app.config, secret)
    )


def stored_secret(user: User) -> str | None:
    """The user's secret in clear; None if there is none or no configured key opens it."""
    if user.totp_secret_encrypted is None:
        return None
    return totp_cipher.decrypt(current_app.config, user.totp_secret_encrypted, user_id=user.id)


def reencrypt_secrets() -> list[User]:
    """Encrypt every stored secret again with the first key; the users no key opens stay."""
    undecryptable = []
    for user in db.session.scalars(
        select(User).where(User.totp_secret_encrypted.is_not(None)).order_by(User.id)
    ):
        token = totp_cipher.reencrypt(current_app.config, user.totp_secret_encrypted)
        if token is None:
            undecryptable.append(user)
        else:
            user.totp_secret_encrypted = token
    return undecryptable


# --- turning it on and off -----------------------------------------------------------


def enable(user: User, secret: str, code: str, now: datetime | None = None) -> list[str] | None:
    """Turn two-factor login on if `code` proves the app holds `secret`.

    Returns the new recovery codes (to show once), or None for a wrong code.
    The accepted step is stored, so the same code cannot log in afterwards.
    """
    step = matching_step(secret, code, now)
    if step is None:
        return None
    store_secret(user, secret)
    user.two_factor_enabled_at = now or utcnow()
    user.totp_last_step = step
    return new_recovery_codes(user, now)


def disable(user: User) -> None:
    """Turn two-factor login off: the secret, the replay guard and the recovery codes go."""
    store_secret(user, None)
    user.two_factor_enabled_at = None
    user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


# --- checking a code -----------------------------------------------------------------


def check_totp(user: User, code: str, now: datetime | None = None) -> bool:
    """Whether `code` is the app's code of a step not used before; spends that step."""
    if not user.has_two_factor:
        return False
    secret = stored_secret(user)
    if secret is None:
        return False  # undecryptable (logged): a recovery code still works
    step = matching_step(secret, code, now)
    if step is None:
        return False
    claimed = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False  # this code (or a later one) was already used
    user.totp_last_step = step
    return True


def check_recovery_code(user: User, code: str, now: datetime | None = None) -> bool:
    """Whether `code` is one of the user's unused recovery codes; spends it."""
    if not user.has_two_factor:
        return False
    code = normalize_code(code)
    if len(code) != RECOVERY_LENGTH:
        return False
    spent = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == hash_recovery_code(user, code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return spent.rowcount == 1


class Proof:
    """What a second-factor check found: whether it passed, and with a recovery code."""

    def __init__(self, passed: bool, recovery: bool = False):
        self.passed = passed
        self.recovery = recovery

    def __bool__(self) -> bool:
        return self.passed


def check_code(user: User, code: str, now: datetime | None = None) -> Proof:
    """An app code or a recovery code, whichever `code` looks like."""
    if looks_like_totp(code):
        return Proof(check_totp(user, code, now))
    return Proof(check_recovery_code(user, code, now), recovery=True)


# --- recovery codes ------------------------------------------------------------------


def _derived_key(purpose: bytes) -> bytes:
    """A key for one purpose only, derived from SECRET_KEY."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, purpose, hashlib.sha256).digest()


def hash_recovery_code(user: User, code: str) -> str:
    """HMAC-SHA256 of the normalised code, bound to the account."""
    message = f"{user.id}:{normalize_code(code)}".encode()
    return hmac.new(_derived_key(b"maillage.recovery-codes"), message, hashlib.sha256).hexdigest()


def _random_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def new_recovery_codes(user: User, now: datetime | None = None) -> list[str]:
    """Replace the user's recovery codes with ten new ones; returns them in clear, once."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_random_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    created = now or utcnow()
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=hash_recovery_code(user, code), created_at=created)
        for code in codes
    )
    db.session.flush()
    return codes


def recovery_codes_left(user: User) -> int:
    """How many recovery codes the user has not used yet."""
    return db.session.scalar(
        select(func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    )
