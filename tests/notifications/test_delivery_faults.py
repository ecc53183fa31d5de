"""Fault injection: every email ends delivered exactly once, or bounced or failed with its
reason; none is lost, whatever the SMTP server does."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.delivery import RETRY_DELAYS, deliver_due, message_id
from portal.notifications.models import MailBounce, OutboxEmail, OutboxStatus
from tests.notifications.smtp_faults import (
    PERMANENT,
    REJECTED,
    TEMPORARY,
    FaultyHandler,
    mail_settings,
    smtp_running,
)
from tests.services import free_port

LATER = RETRY_DELAYS[0] + timedelta(seconds=1)


def rows() -> dict[str, OutboxEmail]:
    """The outbox by recipient."""
    db.session.expire_all()
    return {row.recipient: row for row in db.session.scalars(select(OutboxEmail))}


def assert_nothing_lost(handler) -> None:
    """Each sent row arrived exactly once; every other row ended bounced or failed."""
    received = handler.message_ids()
    assert len(received) == len(set(received)), "a message arrived twice"
    outbox = rows().values()
    assert {row.status for row in outbox} <= {
        OutboxStatus.SENT,
        OutboxStatus.BOUNCED,
        OutboxStatus.FAILED,
    }
    sent = [row for row in outbox if row.status == OutboxStatus.SENT]
    assert len(received) == len(sent)
    assert {message_id(row) for row in sent} == set(received)
    assert all(row.last_error for row in outbox if row.status != OutboxStatus.SENT)


def test_temporary_refusals_are_retried_and_permanent_ones_bounce_at_once(app, faulty_smtp, queue):
    faulty_smtp.temporary = {"busy@example.org", "full@example.org"}
    faulty_smtp.permanent = {"gone@example.org", "typo@example.org"}
    queue("ok1@example.org", "busy@example.org", "gone@example.org")
    queue("full@example.org", "typo@example.org", "ok2@example.org")
    with app.app_context():
        now = utcnow()
        report = deliver_due(now)
        assert (report.sent, report.retried, report.bounced) == (2, 2, 2)
        outbox = rows()
        for address in ("gone@example.org", "typo@example.org"):
            assert outbox[address].status == OutboxStatus.BOUNCED
            assert outbox[address].last_error == PERMANENT
            bounce = db.session.scalar(select(MailBounce).where(MailBounce.address == address))
            assert bounce.hard_bounces == 1
        busy = outbox["busy@example.org"]
        assert (busy.status, busy.attempts, busy.last_error) == ("pending", 1, TEMPORARY)
        assert busy.next_attempt_at == now + RETRY_DELAYS[0]

        faulty_smtp.temporary.clear()  # the mailboxes have room again
        assert deliver_due(now + timedelta(seconds=30)).sent == 0  # not before the backoff
        assert deliver_due(now + LATER).sent == 2
        assert_nothing_lost(faulty_smtp)
    assert len(faulty_smtp.envelopes) == 4


def test_a_message_refused_at_data_with_5xx_bounces(app, faulty_smtp, queue):
    faulty_smtp.rejected = {"filtered@example.org"}
    queue("filtered@example.org", "fine@example.org")
    with app.app_context():
        report = deliver_due()
        assert (report.sent, report.bounced) == (1, 1)
        assert rows()["filtered@example.org"].last_error == REJECTED
        assert_nothing_lost(faulty_smtp)


def test_a_recipient_refused_for_now_until_the_end_ends_failed(app, faulty_smtp, queue):
    faulty_smtp.temporary = {"busy@example.org"}
    queue("busy@example.org")
    with app.app_context():
        now = utcnow()
        for _ in range(len(RETRY_DELAYS) + 1):
            deliver_due(now)
            now += timedelta(days=1)
        row = rows()["busy@example.org"]
        assert (row.status, row.attempts) == (OutboxStatus.FAILED, len(RETRY_DELAYS) + 1)
        assert row.last_error == TEMPORARY
        assert not db.session.scalar(select(MailBounce))  # a 4xx is no bounce
        assert_nothing_lost(faulty_smtp)


def test_a_connection_dropped_mid_batch_loses_nothing_and_sends_nothing_twice(
    app, faulty_smtp, queue
):
    faulty_smtp.drop_at = 3
    addresses = [f"member{n}@example.org" for n in range(5)]
    queue(*addresses)
    with app.app_context():
        now = utcnow()
        report = deliver_due(now)
        assert (report.sent, report.retried, report.released) == (2, 1, 2)
        outbox = rows()
        in_flight = outbox[addresses[2]]
        assert (in_flight.status, in_flight.attempts) == ("pending", 1)
        assert in_flight.last_error.startswith("connection lost")
        for address in addresses[3:]:  # untried: back in the queue at once, no attempt spent
            released = outbox[address]
            assert (released.status, released.attempts, released.claim_token) == (
                "pending",
                0,
                None,
            )
            assert released.next_attempt_at == now

        assert deliver_due(now).sent == 2  # the next turn reconnects
        assert deliver_due(now + LATER).sent == 1  # the one in flight, after its backoff
        assert {row.status for row in rows().values()} == {OutboxStatus.SENT}
        assert_nothing_lost(faulty_smtp)
    assert len(faulty_smtp.envelopes) == 5


def test_a_server_down_then_back_receives_everything_once(app, queue):
    handler = FaultyHandler()
    port = free_port()
    queue("a@example.org", "b@example.org", "c@example.org")
    with mail_settings(app, port), app.app_context():
        now = utcnow()
        report = deliver_due(now)  # nobody listens on the port
        assert report.retried == 3
        assert all(row.attempts == 1 for row in rows().values())
        with smtp_running(handler, port):
            assert deliver_due(now + timedelta(seconds=30)).sent == 0
            assert deliver_due(now + LATER).sent == 3
        assert_nothing_lost(handler)
    assert len(handler.envelopes) == 3
