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
from portal.core.db import utcnow
from portal.core.extensions import db

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


def seed_two_factor_demo() -> list[str]:
    """Enrol every demo account the rule requires (admins, facilitators); lines to print."""
    from portal.spaces.models import Membership, SpaceRole  # spaces depend on accounts

    facilitators = select(Membership.user_id).where(Membership.role == SpaceRole.FACILITATOR.value)
    users = db.session.scalars(
        select(User)
        .where(
            User.deleted_at.is_(None), or_(User.role == Role.ADMIN.value, User.id.in_(facilitators))
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
