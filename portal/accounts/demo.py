"""Two-factor login of the demo accounts (`flask portal seed-demo`).

The demo administrator and facilitator must use two-factor login like real
ones, so `make run` enrols them with one fixed, published secret: add it to any
authenticator app, or print the current code with
`python -c "import pyotp; print(pyotp.TOTP('MAILLAGEDEMOTOTPSECRETFORDEVONLY').now())"`.
Never use it outside the demo: the secret is in the README.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from portal.accounts import twofactor
from portal.accounts.models import Role, User
from portal.accounts.passwords import hash_password
from portal.accounts.services import find_user_by_email
from portal.core.db import utcnow
from portal.core.extensions import db

#: The demo password, printed by `make run`; the demo bypasses the strength rule on purpose.
DEMO_PASSWORD = "maillage-demo"  # noqa: S105 - a documented demo password
#: The published demo secret (base32, 160 bits). Documented in the README.
DEMO_TOTP_SECRET = "MAILLAGEDEMOTOTPSECRETFORDEVONLY"  # noqa: S105 - a documented demo secret


def enrol_demo_account(user: User) -> bool:
    """Turn two-factor login on with the demo secret; False if it was on already."""
    if user.has_two_factor:
        return False
    twofactor.store_secret(user, DEMO_TOTP_SECRET)
    user.two_factor_enabled_at = utcnow()
    user.totp_last_step = None
    return True


def seed_account(email: str, name: str, role: str) -> tuple[User, bool]:
    """The demo account of `email`, created confirmed if missing; (user, created)."""
    user = find_user_by_email(email)
    if user is not None:
        return user, False
    now = utcnow()
    user = User(
        email=email,
        display_name=name,
        password_hash=hash_password(DEMO_PASSWORD),
        role=role,
        locale="fr",
        email_confirmed_at=now,
        privacy_accepted_at=now,
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    return user, True


def seed_two_factor_demo() -> list[str]:
    """Enrol every demo account the rule requires (admins, facilitators); lines to print."""
    users = db.session.scalars(
        select(User)
        .where(
            User.deleted_at.is_(None),
            or_(User.role == Role.ADMIN.value, twofactor.facilitates_a_space(User.id)),
        )
        .order_by(User.email)
    )
    lines = []
    for user in users:
        state = "turned on" if enrol_demo_account(user) else "already on"
        lines.append(f"Two-factor login of {user.email}: {state}.")
    if lines:
        lines.append(f"Demo two-factor secret (add it to an authenticator app): {DEMO_TOTP_SECRET}")
    return lines
