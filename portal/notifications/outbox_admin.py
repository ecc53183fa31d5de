"""What the administrators' outbox page reads and does: counts, search, retry, bounces."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from portal.core.extensions import db
from portal.notifications.models import MailBounce, OutboxEmail, OutboxStatus

#: The page's filters, each a set of statuses; "queued" is waiting or being sent.
STATUS_FILTERS = {
    "queued": (OutboxStatus.PENDING, OutboxStatus.SENDING),
    "sent": (OutboxStatus.SENT,),
    "failed": (OutboxStatus.FAILED,),
    "bounced": (OutboxStatus.BOUNCED,),
    "cancelled": (OutboxStatus.CANCELLED,),
}
#: Rows an administrator may send again.
RETRYABLE = (OutboxStatus.FAILED.value, OutboxStatus.BOUNCED.value)
#: Longest search accepted (an address has at most 254 characters).
SEARCH_MAX = 254


def status_counts() -> dict[str, int]:
    """How many emails each filter shows (one GROUP BY query)."""
    rows = db.session.execute(
        select(OutboxEmail.status, func.count(OutboxEmail.id)).group_by(OutboxEmail.status)
    )
    by_status = {status: count for status, count in rows}
    return {
        name: sum(by_status.get(status.value, 0) for status in statuses)
        for name, statuses in STATUS_FILTERS.items()
    }


def outbox_query(status: str | None, search: str | None):
    """The outbox rows of one filter (None: all), newest first, whose address contains
    `search` (case-insensitive; "%" and "_" are plain characters)."""
    query = select(OutboxEmail).order_by(OutboxEmail.created_at.desc(), OutboxEmail.id.desc())
    if status:
        query = query.where(OutboxEmail.status.in_([s.value for s in STATUS_FILTERS[status]]))
    if search:
        query = query.where(OutboxEmail.recipient.icontains(search, autoescape=True))
    return query


def retry(email: OutboxEmail, now: datetime) -> bool:
    """Send a failed or bounced email again from its first attempt; False for other rows.

    The last error stays on the row until the next attempt replaces it.
    """
    if email.status not in RETRYABLE:
        return False
    email.status = OutboxStatus.PENDING.value
    email.attempts = 0
    email.next_attempt_at = now
    email.claim_token = None
    email.lease_until = None
    return True


def bounced_addresses(limit: int = 100) -> list[MailBounce]:
    """Addresses with hard bounces, the most recent first."""
    return list(
        db.session.scalars(
            select(MailBounce)
            .where(MailBounce.hard_bounces > 0)
            .order_by(MailBounce.last_bounce_at.desc())
            .limit(limit)
        )
    )
