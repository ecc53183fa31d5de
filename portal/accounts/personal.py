"""The personal data accounts holds: its export sections and the erasure of an account.

The sections register themselves with portal.core.personal_data on import
(portal/accounts/__init__.py imports this module), next to other domains'.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select

from portal.accounts import twofactor
from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.personal_data import erase_everywhere, exporter, on_account_deletion
from portal.notifications.models import OutboxEmail


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC, or None."""
    return moment.isoformat() if moment else None


@exporter("profile")
def export_profile(user: User) -> dict:
    """Who you are on the portal, and your preferences."""
    return {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "organisation": user.organisation.name if user.organisation else None,
        "language": user.locale,
        "time_zone": user.timezone,
        "notification_preferences": dict(user.notification_preferences or {}),
        "email_confirmed_at": _iso(user.email_confirmed_at),
        # The secret and recovery codes are never exported: they would let anyone log in.
        "two_factor_enabled_since": _iso(user.two_factor_enabled_at),
        "privacy_accepted_at": _iso(user.privacy_accepted_at),
        "created_at": _iso(user.created_at),
    }


@exporter("logins")
def export_logins(user: User) -> list[dict]:
    """Every login recorded for you: browser, address, times."""
    return [
        {
            "browser": login.user_agent,
            "ip_address": login.ip_address,
            "remembered": login.is_remembered,
            "two_factor": login.two_factor_verified,
            "created_at": _iso(login.created_at),
            "last_seen_at": _iso(login.last_seen_at),
            "ended_at": _iso(login.ended_at),
        }
        for login in user.logins
    ]


def _emails_of(user: User):
    """The outbox rows addressed to `user`."""
    return or_(OutboxEmail.user_id == user.id, OutboxEmail.recipient == user.email)


@exporter("emails")
def export_emails(user: User) -> list[dict]:
    """The emails the portal sent (or will send) you: subject, date, status only."""
    rows = db.session.execute(
        select(OutboxEmail.subject, OutboxEmail.created_at, OutboxEmail.sent_at, OutboxEmail.status)
        .where(_emails_of(user))
        .order_by(OutboxEmail.id)
    )
    return [
        {
            "subject": row.subject,
            "created_at": _iso(row.created_at),
            "sent_at": _iso(row.sent_at),
            "status": row.status,
        }
        for row in rows
    ]


@on_account_deletion
def erase_emails(user: User) -> None:
    """Remove the deleted member's emails: they hold the address and the content."""
    db.session.execute(delete(OutboxEmail).where(_emails_of(user)))


def delete_account(user: User) -> None:
    """Erase `user`'s personal data everywhere and keep their contributions, anonymous."""
    erase_everywhere(user)  # the other domains first, while the account is still whole
    user.logins.clear()  # the rows hold browsers and IP addresses
    twofactor.disable(user)  # the secret and the recovery codes
    user.email = f"deleted-{user.id}@invalid"
    user.display_name = ""
    user.password_hash = None
    user.organisation_id = None
    user.notification_preferences = {}
    user.calendar_token = None
    user.email_confirmed_at = None
    user.deleted_at = utcnow()
    db.session.flush()
