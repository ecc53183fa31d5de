"""Writing emails to the outbox; delivering them is delivery.py's job.

Business code calls `enqueue()` (or `enqueue_for_user()`) inside its own
transaction and never talks to SMTP; `deliver_due(now)` is the only sender. Both
know nothing of `request`, so a view, a CLI command and a worker call them alike.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import datetime

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_mail import BadHeaderError
from sqlalchemy import String, cast, func, select, update
from sqlalchemy.exc import IntegrityError

from portal.core.db import utcnow
from portal.core.extensions import db

# The delivery side, importable from here as before (the worker, Celery tasks, tests).
from portal.notifications.delivery import (
    LEASE,
    RETRY_DELAYS,
    DeliveryReport,
    build_message,
    claim_due,
    deliver_due,
    open_connection,
    record_failure,
    serialise,
)
from portal.notifications.models import OutboxEmail, OutboxStatus
from portal.notifications.sanitize import clean_headers, clean_subject, normalise_address

__all__ = [
    "LEASE",
    "RETRY_DELAYS",
    "DeliveryReport",
    "build_message",
    "cancel_pending",
    "cancel_pending_keys",
    "claim_due",
    "deliver_due",
    "enqueue",
    "enqueue_for_user",
    "open_connection",
    "record_failure",
    "unique_key",
]

log = logging.getLogger(__name__)


def enqueue(
    *,
    to: str,
    template: str,
    subject,
    dedupe_key: str,
    locale: str = "fr",
    user_id: int | None = None,
    context: dict | None = None,
    headers: dict | None = None,
    attachments: list | None = None,
    is_essential: bool = True,
    category: str = "account",
) -> OutboxEmail | None:
    """Render an email in `locale` and add it to the outbox; None if `dedupe_key` exists
    or `to` is not a valid address (logged, never raised: the caller's action goes on).

    `subject` may be a lazy string: it is rendered in the recipient's language, then
    flattened to one line (no header injection) of at most 250 characters. When the
    context has an `unsubscribe_url`, the text part ends with the shared footer
    (email/_footer.txt), as the HTML layout does.
    The row joins the caller's transaction, so a rollback writes no email.
    """
    recipient = normalise_address(to)
    if recipient is None:
        log.warning("email %s not queued: invalid address %r", dedupe_key, str(to)[:300])
        return None
    if db.session.scalar(select(OutboxEmail.id).where(OutboxEmail.dedupe_key == dedupe_key)):
        return None
    base_url = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    context = dict(context or {}, base_url=base_url)
    with _url_context(base_url), force_locale(locale):
        subject_text = clean_subject(subject)
        context["subject"] = subject_text
        body_text = render_template(f"email/{template}.txt", **context)
        if context.get("unsubscribe_url"):
            footer = render_template("email/_footer.txt", **context)
            body_text = f"{body_text.rstrip()}\n\n{footer}"
        body_html = render_template(f"email/{template}.html", **context)
    email = OutboxEmail(
        dedupe_key=dedupe_key,
        recipient=recipient,
        user_id=user_id,
        template=template,
        locale=locale,
        subject=subject_text,
        body_text=body_text,
        body_html=body_html,
        headers=clean_headers(headers),
        attachments=attachments or [],
        is_essential=is_essential,
        category=str(category),
        next_attempt_at=utcnow(),
    )
    try:
        email.raw_message = serialise(email)
    except BadHeaderError:  # cannot happen after the cleaning above; never a broken email
        log.warning("outbox: refused an email with a line break in a header (%s)", dedupe_key)
        return None
    # A savepoint keeps the caller's transaction alive if a concurrent twin won the race.
    try:
        with db.session.begin_nested():
            db.session.add(email)
    except IntegrityError:
        return None
    return email


def enqueue_for_user(
    user,
    *,
    category,
    template: str,
    subject,
    dedupe_key: str,
    context: dict | None = None,
    attachments: list | None = None,
    now: datetime | None = None,
) -> OutboxEmail | None:
    """Email a member in their language; None when nothing was written.

    The one door for mail about the portal's life (everything but ACCOUNT mail,
    which goes out whatever the preferences): it honours the member's choice for
    `category`, stops at a bounced address and at the daily cap, and adds the
    List-Unsubscribe headers, and the `unsubscribe_url` and `category_label` the
    email footer shows.
    """
    from portal.notifications.guards import blocked_reason
    from portal.notifications.preferences import CATEGORY_LABELS, Category, wants
    from portal.notifications.unsubscribe import unsubscribe_headers, unsubscribe_url

    category = Category(category)
    essential = category is Category.ACCOUNT
    if user is None or user.is_deleted or not wants(user, category):
        return None
    if not essential and blocked_reason(user, now or utcnow()):
        return None
    context = dict(context or {})
    headers = {}
    if not essential:
        headers = unsubscribe_headers(user.id, category)
        context["unsubscribe_url"] = unsubscribe_url(user.id, category)
        context["category_label"] = CATEGORY_LABELS[category]
    return enqueue(
        to=user.email,
        template=template,
        subject=subject,
        dedupe_key=dedupe_key,
        locale=user.locale or "fr",
        user_id=user.id,
        context=context,
        headers=headers,
        attachments=attachments,
        is_essential=essential,
        category=category,
    )


def cancel_pending(dedupe_prefix: str) -> int:
    """Withdraw the not-yet-sent emails whose dedupe key starts with `dedupe_prefix`
    (reminders of a session that moved or of a member who left it); how many."""
    return _withdraw(OutboxEmail.dedupe_key.startswith(dedupe_prefix, autoescape=True))


def cancel_pending_keys(keys: Iterable[str]) -> int:
    """Withdraw the not-yet-sent emails of exactly these dedupe keys (the catch-up of a
    member who came after all); how many. No query for no key."""
    keys = list(keys)
    if not keys:
        return 0
    return _withdraw(OutboxEmail.dedupe_key.in_(keys))


#: What a withdrawn email's dedupe key becomes: "<key>:withdrawn:<row id>".
WITHDRAWN = ":withdrawn:"


def _withdraw(condition) -> int:
    """Cancel the pending rows that match `condition`. Rows being sent right now are left
    alone: they are already on their way; sent ones stay sent.

    A withdrawn email was never sent, so it gives its dedupe key back (the row stays, for
    the outbox page): the same email may be written again when its cause comes back: a
    session moved back to its first time, a member who registers again, or an absence
    ticked present by mistake and corrected. Keys are at most 200 characters: the original
    is cut at 150 to leave room for the suffix.
    """
    freed_key = (
        func.substr(OutboxEmail.dedupe_key, 1, 150) + WITHDRAWN + cast(OutboxEmail.id, String)
    )
    result = db.session.execute(
        update(OutboxEmail)
        .where(condition, OutboxEmail.status == OutboxStatus.PENDING.value)
        .values(
            status=OutboxStatus.CANCELLED.value,
            claim_token=None,
            lease_until=None,
            dedupe_key=freed_key,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def _url_context(base_url: str):
    """A request context on the portal's URL when there is none (CLI, worker), so that
    `url_for` in email templates works wherever the email is enqueued."""
    if has_request_context():
        return nullcontext()
    return current_app.test_request_context(base_url=base_url)


def unique_key(prefix: str) -> str:
    """A dedupe key for a one-off email (each request of a link is its own email)."""
    return f"{prefix}:{secrets.token_hex(8)}"
