"""Builders shared by the tests of the email loop (worker and Celery)."""

import time

from portal.core.extensions import db
from portal.notifications.services import enqueue, unique_key
from tests import factories


def queue_account_emails(app, count=1):
    """Queue `count` essential test emails, committed."""
    with app.app_context():
        for n in range(count):
            enqueue(
                to=f"ally{n}@example.org",
                template="notifications/test",
                subject="Test",
                dedupe_key=unique_key("test"),
                locale="en",
            )
        db.session.commit()


def member_with_a_session_tomorrow():
    """A member with a seat in a session starting in about 21 hours (its 24 h reminder is due)."""
    space = factories.space()
    member = factories.user()
    factories.membership(space, member)
    meeting = factories.meeting(space, starts_in_days=0.9)
    factories.registration(meeting, member)
    return member


def wait_until(condition, timeout=60.0):
    """Poll `condition` until it holds; False if it never did within the (generous) timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())
