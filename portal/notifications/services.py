"""Writing emails to the outbox and delivering them.

Business code calls `enqueue()` inside its own transaction and never talks to
SMTP; `deliver_due(now)` is the only sender. Both know nothing of `request`,
so a view, a CLI command and a worker call them alike.
"""

from __future__ import annotations

import logging
import re
import secrets
import smtplib
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_mail import Message
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from portal.core.db import utcnow
from portal.core.extensions import db, mail
from portal.notifications.models import OutboxEmail, OutboxStatus

log = logging.getLogger(__name__)

#: Waits between attempts: about 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
)
#: How long a worker may hold claimed rows before another may take them back.
LEASE = timedelta(minutes=10)


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
    """Render an email in `locale` and add it to the outbox; None if `dedupe_key` exists.

    `subject` may be a lazy string: it is rendered in the recipient's language.
    The row joins the caller's transaction, so a rollback writes no email.
    """
    if db.session.scalar(select(OutboxEmail.id).where(OutboxEmail.dedupe_key == dedupe_key)):
        return None
    base_url = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    context = dict(context or {}, base_url=base_url)
    with _url_context(base_url), force_locale(locale):
        subject_text = str(subject)
        context["subject"] = subject_text
        body_text = render_template(f"email/{template}.txt", **context)
        body_html = render_template(f"email/{template}.html", **context)
    email = OutboxEmail(
        dedupe_key=dedupe_key,
        recipient=to,
        user_id=user_id,
        template=template,
        locale=locale,
        subject=subject_text,
        body_text=body_text,
        body_html=body_html,
        headers=headers or {},
        attachments=attachments or [],
        is_essential=is_essential,
        category=str(category),
        next_attempt_at=utcnow(),
    )
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
    List-Unsubscribe headers and the `unsubscribe_url` the email footer shows.
    """
    from portal.notifications.guards import blocked_reason
    from portal.notifications.preferences import Category, wants
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
    (reminders of a session that moved or of a member who left it). Rows being sent
    right now are left alone: they are already on their way."""
    result = db.session.execute(
        update(OutboxEmail)
        .where(
            OutboxEmail.dedupe_key.startswith(dedupe_prefix, autoescape=True),
            OutboxEmail.status == OutboxStatus.PENDING.value,
        )
        .values(status=OutboxStatus.CANCELLED.value, claim_token=None, lease_until=None)
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


@dataclass
class DeliveryReport:
    """What one `deliver_due` call did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0


def claim_due(now: datetime, limit: int) -> list[OutboxEmail]:
    """Claim up to `limit` due rows for this batch and commit the claim.

    The conditional UPDATE makes the claim atomic on every database; on
    PostgreSQL, SKIP LOCKED lets concurrent workers pick disjoint rows without
    waiting on each other.
    """
    due = or_(
        (OutboxEmail.status == OutboxStatus.PENDING.value) & (OutboxEmail.next_attempt_at <= now),
        (OutboxEmail.status == OutboxStatus.SENDING.value) & (OutboxEmail.lease_until < now),
    )
    query = select(OutboxEmail.id).where(due).order_by(OutboxEmail.next_attempt_at).limit(limit)
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = list(db.session.scalars(query))
    if not ids:
        db.session.rollback()
        return []
    token = secrets.token_hex(16)
    db.session.execute(
        update(OutboxEmail)
        .where(OutboxEmail.id.in_(ids), due)
        .values(status=OutboxStatus.SENDING.value, claim_token=token, lease_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return list(
        db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.claim_token == token).order_by(OutboxEmail.id)
        )
    )


def build_message(email: OutboxEmail) -> Message:
    """The Flask-Mail message of an outbox row."""
    message = Message(
        subject=email.subject,
        recipients=[email.recipient],
        body=email.body_text,
        html=email.body_html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        extra_headers=dict(email.headers or {}),
    )
    # A Message-ID on the portal's own domain, the same for every attempt of one row, so a
    # message sent twice after a crash is recognised as one by mail clients.
    host = urlsplit(current_app.config["PORTAL_BASE_URL"]).hostname or "localhost"
    message.msgId = f"<outbox-{email.id}-{int(email.created_at.timestamp())}@{host}>"
    for attachment in email.attachments or []:
        message.attach(
            attachment["filename"], attachment["content_type"], attachment["data"].encode()
        )
    return message


class FileConnection:
    """Stands in for SMTP without MAIL_SERVER: writes each message as an .eml file."""

    def __init__(self, directory: str):
        self.directory = Path(directory)

    def __enter__(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc):
        return False

    def send(self, message: Message, email: OutboxEmail) -> None:
        safe_key = re.sub(r"[^A-Za-z0-9_-]+", "-", email.dedupe_key)[:80]
        path = self.directory / f"{email.id:06d}-{safe_key}.eml"
        path.write_bytes(message.as_bytes())


class SMTPConnection:
    """One SMTP conversation for a whole batch (Flask-Mail)."""

    def __enter__(self):
        self._connection = mail.connect()
        self._connection.__enter__()
        return self

    def __exit__(self, *exc):
        return self._connection.__exit__(*exc)

    def send(self, message: Message, email: OutboxEmail) -> None:
        self._connection.send(message)


def open_connection():
    """SMTP when MAIL_SERVER is set, else .eml files in MAIL_FILE_DIR."""
    if current_app.config.get("MAIL_SERVER"):
        return SMTPConnection()
    return FileConnection(current_app.config["MAIL_FILE_DIR"])


def record_failure(email: OutboxEmail, now: datetime, error: str, report: DeliveryReport) -> None:
    """Schedule the next attempt with backoff, or give up after the last one."""
    email.attempts += 1
    email.last_error = error[:2000]
    email.claim_token = None
    email.lease_until = None
    if email.attempts > len(RETRY_DELAYS):
        email.status = OutboxStatus.FAILED.value
        report.failed += 1
    else:
        email.status = OutboxStatus.PENDING.value
        email.next_attempt_at = now + RETRY_DELAYS[email.attempts - 1]
        report.retried += 1


def deliver_due(now: datetime | None = None, limit: int | None = None) -> DeliveryReport:
    """Send the due outbox rows over one connection, committing after each message.

    Committing per message means a worker killed mid-batch can resend at most
    the one message in flight; the rest of its claim expires and is picked up again.
    """
    now = now or utcnow()
    limit = limit or current_app.config["MAIL_BATCH_SIZE"]
    report = DeliveryReport()
    batch = claim_due(now, limit)
    if not batch:
        return report
    try:
        connection = open_connection()
        connection.__enter__()
    except (OSError, smtplib.SMTPException) as error:
        for email in batch:
            record_failure(email, now, f"connection: {error}", report)
        db.session.commit()
        log.warning("SMTP connection failed: %s", error)
        return report
    try:
        for email in batch:
            try:
                connection.send(build_message(email), email)
            except (OSError, smtplib.SMTPException) as error:
                record_failure(email, now, str(error), report)
            else:
                email.status = OutboxStatus.SENT.value
                email.sent_at = utcnow()
                email.claim_token = None
                email.lease_until = None
                report.sent += 1
            db.session.commit()
    finally:
        try:
            connection.__exit__(None, None, None)
        except (OSError, smtplib.SMTPException):  # the QUIT failed: messages already went
            log.warning("SMTP connection did not close cleanly")
    return report
