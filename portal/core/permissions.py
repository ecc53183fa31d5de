"""Authorization in one place: one function per question, for views and templates alike.

Views call `require(can_x(user, obj))`, which raises 403; templates call
`can.can_x(current_user, obj)` to decide what to show. Each function accepts an
anonymous user.
"""

from flask import abort


def is_signed_in(user) -> bool:
    """Whether `user` is an authenticated, non-deleted account."""
    return bool(user and getattr(user, "is_authenticated", False) and not user.is_deleted)


def is_admin(user) -> bool:
    """Whether `user` administers the alliance."""
    return is_signed_in(user) and user.is_admin


def can_sign_charter(user) -> bool:
    """Signing needs a confirmed address, so signatures belong to reachable people."""
    return is_signed_in(user) and user.is_confirmed


def can_manage_alliance(user) -> bool:
    """Validate signatures, import allies, read contact messages."""
    return is_admin(user)


def can_withdraw_signature(user, signature) -> bool:
    """The signer withdraws their own signature; administrators any."""
    if not is_signed_in(user):
        return False
    return user.is_admin or signature.signer_id == user.id


def require(allowed: bool) -> None:
    """Abort with 403 unless `allowed`."""
    if not allowed:
        abort(403)


def can_end_login(user, login) -> bool:
    """A member ends only their own logins (profile, "end this login")."""
    return is_signed_in(user) and login.user_id == user.id
