"""A misbehaving SMTP server for fault injection: a real aiosmtpd on loopback whose
handler refuses some recipients for now (4xx) or for good (5xx), rejects some
messages at DATA, or drops the connection instead of answering.

Only messages the server acknowledged with "250" are counted as received: a message
whose connection was dropped never got its answer, so the client must send it again.
"""

from __future__ import annotations

from contextlib import contextmanager
from email import message_from_bytes, policy

TEMPORARY = "450 4.2.1 Mailbox busy, try again later"
PERMANENT = "550 5.1.1 No such user here"
REJECTED = "554 5.7.1 Message refused"


class FaultyHandler:
    """An aiosmtpd handler with switchable faults (change the sets between turns)."""

    def __init__(self, *, temporary=(), permanent=(), rejected=(), drop_at=None):
        self.temporary = set(temporary)  #: RCPT answered 450
        self.permanent = set(permanent)  #: RCPT answered 550
        self.rejected = set(rejected)  #: DATA answered 554 for these recipients
        #: drop the connection instead of answering the DATA of this message (1-based)
        self.drop_at = drop_at
        self.data_seen = 0
        self.envelopes = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.permanent:
            return PERMANENT
        if address in self.temporary:
            return TEMPORARY
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        self.data_seen += 1
        if self.data_seen == self.drop_at:
            # The server dies before acknowledging: the client never hears "250".
            server.transport.close()
            return "421 4.3.0 Going away"
        if self.rejected.intersection(envelope.rcpt_tos):
            return REJECTED
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        """The acknowledged messages, parsed."""
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]

    def message_ids(self) -> list[str]:
        """Message-IDs of the acknowledged messages, in arrival order (duplicates kept)."""
        return [m["Message-ID"] for m in self.messages()]


@contextmanager
def mail_settings(app, port: int):
    """Point the app's SMTP settings at 127.0.0.1:`port` (Flask-Mail reads them at init)."""
    from portal.core.extensions import mail

    saved = {key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    mail.init_app(app)
    try:
        yield
    finally:
        app.config.update(saved)
        mail.init_app(app)


@contextmanager
def smtp_running(handler, port: int):
    """A real aiosmtpd server on 127.0.0.1:`port` with `handler`, stopped on exit."""
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()
