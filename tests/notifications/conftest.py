"""Fixtures of the email engine tests: a misbehaving SMTP server, and queued emails."""

from __future__ import annotations

import pytest

from tests.notifications.smtp_faults import FaultyHandler, mail_settings, smtp_running
from tests.services import free_port


@pytest.fixture
def faulty_smtp(app):
    """A FaultyHandler served on loopback, the app pointed at it; set its faults in the test."""
    handler = FaultyHandler()
    port = free_port()
    with mail_settings(app, port), smtp_running(handler, port):
        yield handler


@pytest.fixture
def queue(app):
    """`queue(*addresses, essential=True)` -> ids of one queued test email per address."""
    from portal.core.extensions import db
    from portal.notifications.services import enqueue, unique_key

    def _queue(*addresses, essential=True):
        with app.app_context():
            rows = [
                enqueue(
                    to=address,
                    template="notifications/test",
                    subject="Test",
                    dedupe_key=unique_key("test"),
                    locale="en",
                    is_essential=essential,
                )
                for address in addresses
            ]
            db.session.commit()
            return [row.id for row in rows]

    return _queue
