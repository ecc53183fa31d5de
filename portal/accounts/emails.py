"""The emails of the accounts domain, written to the outbox in the caller's transaction.

Each one is rendered in the recipient's language; links are built by the
templates from the tokens given here (`{{ base_url }}{{ url_for(...) }}`).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.accounts import tokens
from portal.accounts.models import User
from portal.notifications.services import enqueue, unique_key


def _hours(setting: str) -> int:
    """A token validity from the configuration, in whole hours, for the email text."""
    return int(current_app.config[setting].total_seconds() // 3600)


def send_confirmation(user: User, locale: str | None = None) -> None:
    """Email the link that confirms `user`'s address."""
    token = tokens.make_token(tokens.CONFIRM, {"uid": user.id, "email": user.email})
    enqueue(
        to=user.email,
        template="accounts/confirm",
        subject=_l("Confirm your email address"),
        dedupe_key=unique_key(f"accounts-confirm:{user.id}"),
        locale=locale or user.locale,
        user_id=user.id,
        context={"user": user, "token": token, "hours": _hours("CONFIRM_TOKEN_MAX_AGE")},
    )


def send_already_registered(user: User, *, reason: str = "register") -> None:
    """Tell the owner of an address that someone tried to register with it (or move to it)."""
    confirm_token = None
    if not user.is_confirmed:
        confirm_token = tokens.make_token(tokens.CONFIRM, {"uid": user.id, "email": user.email})
    enqueue(
        to=user.email,
        template="accounts/already_registered",
        subject=_l("Someone tried to use your email address"),
        dedupe_key=unique_key(f"accounts-already-registered:{user.id}"),
        locale=user.locale,
        user_id=user.id,
        context={"user": user, "reason": reason, "confirm_token": confirm_token},
    )


def send_reset(user: User) -> None:
    """Email a single-use password reset link."""
    fingerprint = tokens.password_fingerprint(user.password_hash)
    token = tokens.make_token(tokens.RESET, {"uid": user.id, "fp": fingerprint})
    enqueue(
        to=user.email,
        template="accounts/reset",
        subject=_l("Reset your password"),
        dedupe_key=unique_key(f"accounts-reset:{user.id}"),
        locale=user.locale,
        user_id=user.id,
        context={"user": user, "token": token, "hours": _hours("RESET_TOKEN_MAX_AGE")},
    )


def send_email_change(user: User, new_email: str) -> None:
    """Email the new address the link that completes the change."""
    payload = {"uid": user.id, "from": user.email, "to": new_email}
    token = tokens.make_token(tokens.CHANGE_EMAIL, payload)
    enqueue(
        to=new_email,
        template="accounts/email_change",
        subject=_l("Confirm your new email address"),
        dedupe_key=unique_key(f"accounts-email-change:{user.id}"),
        locale=user.locale,
        user_id=user.id,
        context={
            "user": user,
            "token": token,
            "new_email": new_email,
            "hours": _hours("CONFIRM_TOKEN_MAX_AGE"),
        },
    )


def send_email_change_notice(user: User, new_email: str) -> None:
    """Warn the current address that a change to another address was asked."""
    enqueue(
        to=user.email,
        template="accounts/email_change_notice",
        subject=_l("A change of your email address was requested"),
        dedupe_key=unique_key(f"accounts-email-change-notice:{user.id}"),
        locale=user.locale,
        user_id=user.id,
        context={"user": user, "new_email": new_email},
    )


def send_password_changed(user: User) -> None:
    """Tell the owner their password changed (and what to do if it was not them)."""
    enqueue(
        to=user.email,
        template="accounts/password_changed",
        subject=_l("Your password was changed"),
        dedupe_key=unique_key(f"accounts-password-changed:{user.id}"),
        locale=user.locale,
        user_id=user.id,
        context={"user": user},
    )


def send_two_factor_changed(user: User, *, enabled: bool) -> None:
    """Tell the owner two-factor login was turned on or off (and what to do if not them)."""
    enqueue(
        to=user.email,
        template="accounts/two_factor_changed",
        subject=_l("Two-factor login was turned on")
        if enabled
        else _l("Two-factor login was turned off"),
        dedupe_key=unique_key(f"accounts-two-factor:{user.id}"),
        locale=user.locale,
        user_id=user.id,
        context={"user": user, "enabled": enabled},
    )


def send_two_factor_reset(user: User) -> None:
    """Tell the owner an administrator reset their two-factor login, and what comes next."""
    from portal.accounts import twofactor

    enqueue(
        to=user.email,
        template="accounts/two_factor_reset",
        subject=_l("Your two-factor login was reset"),
        dedupe_key=unique_key(f"accounts-two-factor-reset:{user.id}"),
        locale=user.locale,
        user_id=user.id,
        context={"user": user, "required": twofactor.is_required(user)},
    )
