"""The outbox: every email is a row before it is a message."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class OutboxStatus(enum.StrEnum):
    """Where an outbox email stands."""

    PENDING = "pending"  #: waiting for its next attempt
    SENDING = "sending"  #: claimed by a worker until `lease_until`
    SENT = "sent"
    FAILED = "failed"  #: gave up after the last retry; shown to administrators
    BOUNCED = "bounced"  #: the server refused the recipient for good (5xx)
    CANCELLED = "cancelled"  #: withdrawn before sending (the session moved, the member left)


class OutboxEmail(db.Model):
    """One email to one recipient, written in the transaction of the action that caused it."""

    __tablename__ = "outbox_emails"
    __table_args__ = (
        Index("ix_outbox_emails_due", "status", "next_attempt_at"),
        # The daily cap counts a member's recent optional emails.
        Index("ix_outbox_emails_user_created", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Unique per email ("confirm:12:abc", "reminder:4:12:24h"): the database refuses a twin.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(254))
    #: What the email is about (notifications.preferences.Category).
    category: Mapped[str] = mapped_column(String(20), default="account", server_default="account")
    #: Template name under templates/email/, kept for statistics and debugging.
    template: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    #: Extra headers (List-Unsubscribe…), name -> value.
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Attachments as [{"filename", "content_type", "data"}] with text data (.ics).
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    #: The message as it goes on the wire, serialised once when the row is written (the
    #: delivery loop then only talks SMTP; bench/email.py). None for rows written before it
    #: existed: those are built at send time. Deferred: lists of rows never load it.
    raw_message: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    #: Essential mail (confirmation, reset) is sent even when optional mail is stopped.
    is_essential: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Which worker batch holds the row, and until when.
    claim_token: Mapped[str | None] = mapped_column(String(32), index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<OutboxEmail {self.id} {self.dedupe_key} {self.status}>"


class MailBounce(db.Model):
    """Hard bounces (5xx answers) of one address: past MAIL_BOUNCE_LIMIT, optional mail stops.

    Keyed by address, not by member: the count belongs to the mailbox, so a member who
    changes to a working address starts clean, and mail to non-members counts too.
    """

    __tablename__ = "mail_bounces"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The recipient address, lower-case.
    address: Mapped[str] = mapped_column(String(254), unique=True)
    #: Permanent refusals since the last reset.
    hard_bounces: Mapped[int] = mapped_column(default=0)
    last_bounce_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: The server's last answer ("550 5.1.1 No such user").
    last_error: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<MailBounce {self.address} {self.hard_bounces}>"
