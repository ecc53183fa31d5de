"""The rules of accounts: registration, confirmation, authentication, passwords, email.

Services know nothing of `request`: the view (or the CLI) passes what they
need and commits once. They add and flush, never commit.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts import emails, tokens, twofactor
from portal.accounts.logins import end_all_logins
from portal.accounts.models import Role, User
from portal.accounts.passwords import hash_password, verify_password
from portal.alliance.models import Organisation
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.preferences import timing_changed

# Checked against when the address is unknown, so both answers take the same time.
_DUMMY_HASH: str | None = None


class EmailTaken(Exception):
    """The address now belongs to another account."""


def normalize_email(email: str | None) -> str:
    """Trimmed and lower-cased: the form in which addresses are stored and compared."""
    return (email or "").strip().lower()


def find_user_by_email(email: str | None) -> User | None:
    """The account of an address (deleted accounts have placeholder addresses)."""
    email = normalize_email(email)
    if not email:
        return None
    return db.session.scalar(select(User).where(User.email == email))


def register(*, email: str, display_name: str, password: str, locale: str) -> User | None:
    """Create an unconfirmed account and email its confirmation link.

    When the address is taken, its owner is told instead and None is returned;
    the caller shows the same page either way, so nobody learns who has an account.
    A twin registration committed in between makes the flush raise IntegrityError:
    the caller rolls back and calls again, which then finds the owner.
    """
    email = normalize_email(email)
    password_hash = hash_password(password)  # before the lookup: both answers take as long
    existing = find_user_by_email(email)
    if existing is not None:
        emails.send_already_registered(existing)
        return None
    now = utcnow()
    user = User(
        email=email,
        display_name=display_name.strip(),
        password_hash=password_hash,
        locale=locale,
        privacy_accepted_at=now,
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    emails.send_confirmation(user, locale=locale)
    return user


def resend_confirmation(email: str) -> None:
    """Email a fresh confirmation link if the address has an unconfirmed account."""
    user = find_user_by_email(email)
    if user is not None and user.is_active and not user.is_confirmed:
        emails.send_confirmation(user)


def _token_user(payload: dict) -> User:
    """The active account a token speaks of; raises InvalidToken otherwise."""
    user = db.session.get(User, payload["uid"])
    if user is None or not user.is_active:
        raise tokens.InvalidToken()
    return user


def confirm_email(token: str) -> tuple[User, bool]:
    """Confirm the address of a token; returns (user, whether it was confirmed just now)."""
    payload = tokens.read_token(tokens.CONFIRM, token)
    user = _token_user(payload)
    if payload.get("email") != user.email:
        raise tokens.InvalidToken()  # the address changed since the link was sent
    if user.is_confirmed:
        return user, False
    user.email_confirmed_at = utcnow()
    return user, True


def authenticate(email: str, password: str) -> User | None:
    """The active account matching `email` and `password`, else None (same time either way)."""
    global _DUMMY_HASH
    user = find_user_by_email(email)
    if user is None or not user.password_hash:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hash_password("not-a-password-of-anyone")
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.is_active:
        return None
    return user


def request_password_reset(email: str) -> None:
    """Email a reset link if the address has an active account; nothing otherwise."""
    user = find_user_by_email(email)
    if user is not None and user.is_active and user.password_hash:
        emails.send_reset(user)


def user_for_reset(token: str) -> User:
    """The account of a still-valid reset token; raises InvalidToken otherwise."""
    payload = tokens.read_token(tokens.RESET, token)
    user = _token_user(payload)
    if not tokens.same_fingerprint(user.password_hash, payload.get("fp")):
        raise tokens.InvalidToken()  # already used: the password changed since
    return user


def set_password(user: User, password: str) -> None:
    """Store a new password, end every login, and tell the owner."""
    user.password_hash = hash_password(password)
    end_all_logins(user)
    emails.send_password_changed(user)


def reset_two_factor(user: User) -> bool:
    """Turn two-factor login off for someone who lost their phone and recovery codes.

    Their logins end (a stolen phone may hold an open one) and they are told by email.
    Returns False, doing nothing, when the account does not use two-factor login.
    Used by `flask portal reset-two-factor` and the administrators' people pages.
    """
    if user.is_deleted or not user.has_two_factor:
        return False
    twofactor.disable(user)
    end_all_logins(user)
    emails.send_two_factor_reset(user)
    return True


def reset_password(token: str, password: str) -> User:
    """Set the password of a reset token's account; the link proves the address too."""
    user = user_for_reset(token)
    set_password(user, password)
    if not user.is_confirmed:
        user.email_confirmed_at = utcnow()
    return user


def request_email_change(user: User, new_email: str) -> None:
    """Send the link to the new address and a notice to the current one.

    If the new address has an account, its owner is told instead of getting a
    link, and the requester sees the same answer.
    """
    new_email = normalize_email(new_email)
    owner = find_user_by_email(new_email)
    if owner is not None:
        emails.send_already_registered(owner, reason="email_change")
    else:
        emails.send_email_change(user, new_email)
    emails.send_email_change_notice(user, new_email)


def confirm_email_change(token: str) -> User:
    """Move an account to the address of a change link; raises InvalidToken or EmailTaken.

    An account created with the address in the meantime makes the caller's
    commit raise IntegrityError (the unique email): the caller reports it as taken.
    """
    payload = tokens.read_token(tokens.CHANGE_EMAIL, token)
    user = _token_user(payload)
    new_email = payload.get("to")
    if payload.get("from") != user.email or not isinstance(new_email, str):
        raise tokens.InvalidToken()  # already used, or the address changed in between
    if find_user_by_email(new_email) is not None:
        raise EmailTaken()
    user.email = new_email
    user.email_confirmed_at = utcnow()
    return user


#: The fields of the profile form that update_profile() takes (the email preferences
#: have their own page: notifications.preferences.save_choices).
PROFILE_FIELDS = ("display_name", "organisation_id", "locale", "timezone")


def organisation_choices() -> list[tuple[int, str]]:
    """(id, name) of every organisation, by name, for the profile's select."""
    rows = db.session.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    return [(row.id, row.name) for row in rows]


def update_profile(user: User, **fields) -> None:
    """Update the editable profile fields (name, organisation, language, time zone)."""
    user.display_name = fields["display_name"].strip()
    user.organisation_id = fields["organisation_id"]
    user.locale = fields["locale"]
    moved = user.timezone != fields["timezone"]
    user.timezone = fields["timezone"]
    if moved:  # the next digest goes out at 07:00 in the new zone
        timing_changed(user)


def create_admin(*, email: str, password: str | None, display_name: str | None) -> User:
    """Promote the account of `email`, or create a confirmed administrator."""
    user = find_user_by_email(email)
    if user is None:
        if not password:
            raise ValueError("a new administrator needs a password")
        email = normalize_email(email)
        now = utcnow()
        user = User(
            email=email,
            display_name=(display_name or email.split("@")[0])[:100],
            password_hash=hash_password(password),
            locale="fr",
            email_confirmed_at=now,
            created_at=now,
        )
        db.session.add(user)
    user.role = Role.ADMIN.value
    db.session.flush()
    return user
