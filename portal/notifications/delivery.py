"""Delivering the outbox: claim due rows, send them over one connection, record each outcome.

Every row ends in one of these ways, committed one message at a time:
- accepted by the server: SENT;
- refused for good (a 5xx answer for the recipient): BOUNCED at once, and the address
  counts a hard bounce (bounces.py);
- refused for now (4xx), or the connection broke while it was in flight: retried with
  RETRY_DELAYS backoff, then FAILED after the last attempt;
- optional mail to an address past the bounce limit: CANCELLED, not sent;
- still waiting when the connection broke: released for the next turn, attempts unchanged
  (nothing was tried for it).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from flask_mail import BadHeaderError, Message, sanitize_address
from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import undefer

from portal.core.db import utcnow
from portal.core.extensions import db, mail
from portal.notifications import bounces
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
#: last_error of optional mail withheld from an address that keeps bouncing.
SUPPRESSED = "suppressed: address bounces"


@dataclass
class DeliveryReport:
    """What one `deliver_due` call did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    #: refused for good by the receiving server (5xx)
    bounced: int = 0
    #: optional mail withheld from a bouncing address
    suppressed: int = 0
    #: claimed but handed back untried when the connection broke
    released: int = 0


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
            select(OutboxEmail)
            .where(OutboxEmail.claim_token == token)
            .order_by(OutboxEmail.id)
            .options(undefer(OutboxEmail.raw_message))
        )
    )


class WirePolicy(policy.Compat32):
    """How outbox messages are serialised, at a fraction of the SMTP policy's cost.

    Flask-Mail has already encoded every header (RFC 2047 words, addresses), so the
    legacy policy with CRLF line ends writes the same message without re-parsing each
    header as the SMTP policy does, and an ASCII header is written as it is instead of
    going through email.header. Serialising was the largest cost of delivery after
    the SMTP conversation itself (bench/email.py; helper C, issue 5).
    """

    def _fold(self, name, value, sanitize):
        line = f"{name}: {value}"
        # 998 characters is the line limit of RFC 5322; like the SMTP policy, a long
        # token (a List-Unsubscribe URL) stays on its line rather than being split.
        if isinstance(value, str) and len(line) <= 998 and line.isascii() and "\n" not in line:
            return line + self.linesep
        return super()._fold(name, value, sanitize)


WIRE_POLICY = WirePolicy(linesep="\r\n")


class OutboxMessage(Message):
    """A Flask-Mail message serialised with WIRE_POLICY."""

    def as_bytes(self) -> bytes:
        message = self._message()
        message.policy = WIRE_POLICY
        # A boundary of our own spares the generator its search of the whole text for a
        # safe one (a regex compiled per part); drawn at random after the content exists,
        # 64 bits cannot occur in it but by a 2**-64 chance.
        for n, part in enumerate(part for part in message.walk() if part.is_multipart()):
            part.set_boundary(f"==_maillage_{n}_{secrets.token_hex(8)}")
        return message.as_bytes()


def message_id(email: OutboxEmail) -> str:
    """A Message-ID on the portal's own domain, derived from the dedupe key: the same for
    every attempt of one row, so a message sent twice after a crash is recognised as one
    by mail clients, and known before the row has an id."""
    host = urlsplit(current_app.config["PORTAL_BASE_URL"]).hostname or "localhost"
    digest = hashlib.sha256(email.dedupe_key.encode()).hexdigest()[:32]
    return f"<outbox-{digest}@{host}>"


def build_message(email: OutboxEmail) -> Message:
    """The Flask-Mail message of an outbox row."""
    message = OutboxMessage(
        subject=email.subject,
        recipients=[email.recipient],
        body=email.body_text,
        html=email.body_html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        extra_headers=dict(email.headers or {}),
    )
    message.msgId = message_id(email)
    for attachment in email.attachments or []:
        message.attach(
            attachment["filename"], attachment["content_type"], attachment["data"].encode()
        )
    return message


def serialise(email: OutboxEmail) -> bytes:
    """The bytes of the message; BadHeaderError when a header would carry a line break."""
    message = build_message(email)
    if message.has_bad_headers():
        raise BadHeaderError
    return message.as_bytes()


def wire_bytes(email: OutboxEmail) -> bytes:
    """What to send for a row: the bytes serialised when it was written, or (rows written
    before raw_message existed) built now."""
    return email.raw_message if email.raw_message is not None else serialise(email)


class FileConnection:
    """Stands in for SMTP without MAIL_SERVER: writes each message as an .eml file."""

    def __init__(self, directory: str):
        self.directory = Path(directory)

    def __enter__(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc):
        return False

    def is_open(self) -> bool:
        return True

    def send(self, email: OutboxEmail) -> None:
        safe_key = re.sub(r"[^A-Za-z0-9_-]+", "-", email.dedupe_key)[:80]
        path = self.directory / f"{email.id:06d}-{safe_key}.eml"
        path.write_bytes(wire_bytes(email))


class SMTPConnection:
    """One SMTP conversation for a whole batch (Flask-Mail)."""

    def __enter__(self):
        self._connection = mail.connect()
        self._connection.__enter__()
        self._envelope_from = sanitize_address(current_app.config["MAIL_DEFAULT_SENDER"])
        return self

    def __exit__(self, *exc):
        return self._connection.__exit__(*exc)

    def is_open(self) -> bool:
        """False once smtplib closed the socket (a 421 answer, a dropped line)."""
        host = self._connection.host
        return host is not None and getattr(host, "sock", None) is not None

    def send(self, email: OutboxEmail) -> None:
        # The bytes go straight to smtplib: Flask-Mail's send() would build the message again.
        self._connection.host.sendmail(
            self._envelope_from, [sanitize_address(email.recipient)], wire_bytes(email)
        )


def open_connection():
    """SMTP when MAIL_SERVER is set, else .eml files in MAIL_FILE_DIR."""
    if current_app.config.get("MAIL_SERVER"):
        return SMTPConnection()
    return FileConnection(current_app.config["MAIL_FILE_DIR"])


def _release(email: OutboxEmail) -> None:
    """Let go of the row's claim (whatever its new status)."""
    email.claim_token = None
    email.lease_until = None


def record_failure(email: OutboxEmail, now: datetime, error: str, report: DeliveryReport) -> None:
    """Schedule the next attempt with backoff, or give up after the last one."""
    email.attempts += 1
    email.last_error = error[:2000]
    _release(email)
    if email.attempts > len(RETRY_DELAYS):
        email.status = OutboxStatus.FAILED.value
        report.failed += 1
    else:
        email.status = OutboxStatus.PENDING.value
        email.next_attempt_at = now + RETRY_DELAYS[email.attempts - 1]
        report.retried += 1


def record_bounce(email: OutboxEmail, now: datetime, error: str, report: DeliveryReport) -> None:
    """The server refused the recipient for good: no retry, and one more hard bounce."""
    email.attempts += 1
    email.last_error = error[:2000]
    email.status = OutboxStatus.BOUNCED.value
    _release(email)
    bounces.record_hard_bounce(email.recipient, error, now)
    report.bounced += 1


def release_claim(token: str, now: datetime) -> int:
    """Hand the untried rows of a broken batch back at once (attempts unchanged)."""
    result = db.session.execute(
        update(OutboxEmail)
        .where(
            OutboxEmail.claim_token == token,
            OutboxEmail.status == OutboxStatus.SENDING.value,
        )
        .values(
            status=OutboxStatus.PENDING.value,
            next_attempt_at=now,
            claim_token=None,
            lease_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def _answer(code: int, text) -> str:
    """An SMTP answer as text: "550 No such user"."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {text}"


def outcome(error: Exception) -> tuple[str, str]:
    """("bounce" | "retry" | "broken" | "invalid", reason) for a sending error.

    A 5xx about the recipient or the message is permanent: a bounce. MAIL FROM refused
    is about our own sender, not the recipient, so it is retried and never counted
    against the member's address. A dropped connection breaks the batch.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()), (0, b"refused"))
        return ("bounce" if 500 <= code < 600 else "retry"), _answer(code, text)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "broken", f"connection lost: {error}"
    if isinstance(error, smtplib.SMTPSenderRefused):
        return "retry", _answer(error.smtp_code, error.smtp_error)
    if isinstance(error, smtplib.SMTPResponseException):
        answer = _answer(error.smtp_code, error.smtp_error)
        return ("bounce" if 500 <= error.smtp_code < 600 else "retry"), answer
    if isinstance(error, BadHeaderError):
        return "invalid", "invalid message headers"
    if isinstance(error, smtplib.SMTPException):
        return "retry", str(error) or type(error).__name__
    return "broken", f"connection lost: {error}"  # OSError


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
    token = batch[0].claim_token
    # The batch's rows are ours until the lease ends, so the per-message commits need not
    # expire them: without this, each commit made the next row re-read itself (one SELECT
    # per message). At the end everything is expired as a last commit would have done, so
    # the caller reads fresh rows (a released claim, say) (helper C, issue 5).
    session = db.session()
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    try:
        return _deliver_batch(batch, token, now, report)
    finally:
        session.expire_on_commit = expire_on_commit
        session.expire_all()


class SentMarks:
    """Records "sent" rows, one commit each, on a database connection held for the batch.

    Success is the common outcome and its write is always the same, so it skips the
    unit of work: one UPDATE and a COMMIT, without a pool checkout (and its ping) and an
    ORM flush per message, which were ~40 % of delivery time (profile of bench/email.py,
    issue 5). Still one commit per message: a worker killed mid-batch resends at most
    the message in flight. The rare outcomes (retry, bounce) stay with the session.
    """

    def __init__(self):
        self.connection = db.engine.connect()
        if db.engine.dialect.name == "postgresql":
            # Each UPDATE commits by itself: one round trip per message instead of three
            # (BEGIN, UPDATE, COMMIT), with the same durability. SQLite's commits are
            # local calls, and its BEGIN comes from core.db.configure_sqlite.
            self.connection = self.connection.execution_options(isolation_level="AUTOCOMMIT")
        self.statement = (
            update(OutboxEmail)
            .where(OutboxEmail.id == bindparam("row_id"))
            .values(
                status=OutboxStatus.SENT.value,
                sent_at=bindparam("sent_at"),
                claim_token=None,
                lease_until=None,
            )
        )

    def mark(self, email: OutboxEmail) -> None:
        self.connection.execute(self.statement, {"row_id": email.id, "sent_at": utcnow()})
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()


def _deliver_batch(batch: list[OutboxEmail], token: str, now: datetime, report: DeliveryReport):
    """Send a claimed batch over one connection (see deliver_due)."""
    bouncing = bounces.bouncing_among(e.recipient for e in batch if not e.is_essential)
    # Nothing stays open in the session while SentMarks writes on its own connection
    # (on an in-memory SQLite database the two share one connection).
    db.session.commit()
    try:
        connection = open_connection()
        connection.__enter__()
    except (OSError, smtplib.SMTPException) as error:
        for email in batch:
            record_failure(email, now, f"connection: {error}", report)
        db.session.commit()
        log.warning("SMTP connection failed: %s", error)
        return report
    marks = SentMarks()
    try:
        for email in batch:
            if not email.is_essential and email.recipient.lower() in bouncing:
                email.status = OutboxStatus.CANCELLED.value
                email.last_error = SUPPRESSED
                _release(email)
                report.suppressed += 1
                db.session.commit()
                continue
            if not _send_one(connection, marks, email, now, report, bouncing):
                report.released += release_claim(token, now)
                db.session.commit()
                log.warning("SMTP connection lost; %d emails handed back", report.released)
                break
    finally:
        marks.close()
        try:
            connection.__exit__(None, None, None)
        except (OSError, smtplib.SMTPException):  # the QUIT failed: messages already went
            log.warning("SMTP connection did not close cleanly")
    return report


def _send_one(
    connection, marks: SentMarks, email: OutboxEmail, now, report: DeliveryReport, bouncing
) -> bool:
    """Send one row and commit its outcome; False when the connection is no longer usable."""
    try:
        connection.send(email)
    except (OSError, smtplib.SMTPException, BadHeaderError) as error:
        kind, reason = outcome(error)
        if kind == "bounce":
            record_bounce(email, now, reason, report)
            db.session.flush()
            if bounces.is_bouncing(email.recipient):
                bouncing.add(email.recipient.lower())
        elif kind == "invalid":
            email.status = OutboxStatus.FAILED.value
            email.last_error = reason
            _release(email)
            report.failed += 1
        else:
            record_failure(email, now, reason, report)
        db.session.commit()
        return kind != "broken" and connection.is_open()
    marks.mark(email)
    report.sent += 1
    return True
