"""Helpers of the digest tests: running the scheduler at a given instant, reading schedules."""

from __future__ import annotations

import pytest


@pytest.fixture
def run_digests(app):
    """`run_digests(now)` -> digests written, as the worker's scheduler turn does."""

    def _run(now):
        from portal.core.extensions import db
        from portal.digests import schedule_digests

        with app.app_context():
            written = schedule_digests(now)
            db.session.commit()
            return written

    return _run


@pytest.fixture
def schedule_of(app):
    """`schedule_of(user)` -> (next_due_at, last_covered_until), or None without a row."""

    def _of(user):
        from portal.core.extensions import db
        from portal.digests.models import DigestSchedule

        with app.app_context():
            row = db.session.get(DigestSchedule, user.id)
            return None if row is None else (row.next_due_at, row.last_covered_until)

    return _of


def set_preferences(app, user, **preferences):
    """Store `preferences` for `user` (over the defaults)."""
    from portal.accounts.models import User
    from portal.core.extensions import db

    with app.app_context():
        db.session.get(User, user.id).notification_preferences = preferences
        db.session.commit()
