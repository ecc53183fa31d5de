"""What stops optional mail to a member: a bouncing address, or the daily cap."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from portal.core.extensions import db
from portal.notifications.bounces import is_bouncing
from portal.notifications.models import OutboxEmail


def sent_today(user_id: int, now: datetime) -> int:
    """Optional emails written for the member in the last 24 hours."""
    return db.session.scalar(
        select(func.count(OutboxEmail.id)).where(
            OutboxEmail.user_id == user_id,
            OutboxEmail.is_essential.is_(False),
            OutboxEmail.created_at > now - timedelta(days=1),
        )
    )


def blocked_reason(user, now: datetime) -> str | None:
    """Why no optional email may be written for `user` now ("bounced", "daily-cap"), or None."""
    if is_bouncing(user.email):
        return "bounced"
    if sent_today(user.id, now) >= current_app.config["MAIL_DAILY_CAP"]:
        return "daily-cap"
    return None
