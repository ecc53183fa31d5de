"""Two workers at once on PostgreSQL: disjoint claims, every message received once;
two writers of one dedupe key: one row."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.delivery import deliver_due
from portal.notifications.models import OutboxEmail, OutboxStatus
from portal.notifications.services import enqueue

pytestmark = pytest.mark.postgres_only

EMAILS = 200


def run_in_threads(app, *targets):
    """Run each target in its own thread with its own app context (its own session)."""
    errors = []

    def wrap(target):
        def run():
            try:
                with app.app_context():
                    try:
                        target()
                    finally:
                        db.session.remove()
            except Exception as error:  # reported to the test below
                errors.append(error)

        return threading.Thread(target=run)

    threads = [wrap(target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    assert not errors, errors


def test_two_workers_deliver_200_emails_exactly_once(app, smtp_server):
    with app.app_context():
        for n in range(EMAILS):
            enqueue(
                to=f"member{n}@example.org",
                template="notifications/test",
                subject="Test",
                dedupe_key=f"load:{n}",
                locale="en",
            )
        db.session.commit()
    now = utcnow() + timedelta(seconds=5)
    start = threading.Barrier(2)
    reports = []

    def worker():
        start.wait(timeout=30)
        while True:
            report = deliver_due(now, limit=10)
            reports.append(report)
            if not (report.sent or report.retried or report.released):
                return

    run_in_threads(app, worker, worker)
    received = [m["Message-ID"] for m in smtp_server.messages()]
    assert len(received) == EMAILS
    assert len(set(received)) == EMAILS
    assert sum(r.sent for r in reports) == EMAILS
    with app.app_context():
        statuses = db.session.scalars(select(OutboxEmail.status).distinct()).all()
        assert statuses == [OutboxStatus.SENT]


def lock_waiters() -> int:
    """Backends of this database waiting for a lock."""
    return db.session.scalar(
        text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
    )


def test_the_same_dedupe_key_from_two_threads_at_once_writes_one_row(app):
    first_written = threading.Event()
    second_blocked = threading.Event()
    results = {}

    def write(name):
        results[name] = enqueue(
            to="ally@example.org",
            template="notifications/test",
            subject="Test",
            dedupe_key="race:1",
            locale="en",
        )
        results[name] = results[name] and results[name].id

    def first():
        write("first")
        first_written.set()
        second_blocked.wait(timeout=30)  # commit only once the twin waits on our row
        db.session.commit()

    def second():
        first_written.wait(timeout=30)
        write("second")  # blocks on the unique index until `first` commits
        # The savepoint kept this transaction usable: it can still write and commit.
        enqueue(
            to="ally@example.org",
            template="notifications/test",
            subject="Test",
            dedupe_key="race:other",
            locale="en",
        )
        db.session.commit()

    def watch():
        first_written.wait(timeout=30)
        for _ in range(300):
            if lock_waiters():
                break
            db.session.rollback()
            time.sleep(0.05)
        second_blocked.set()

    run_in_threads(app, first, second, watch)
    assert results["first"] is not None and results["second"] is None
    with app.app_context():
        count = db.session.scalar(
            select(func.count(OutboxEmail.id)).where(OutboxEmail.dedupe_key == "race:1")
        )
        assert count == 1
        assert db.session.scalar(
            select(OutboxEmail.id).where(OutboxEmail.dedupe_key == "race:other")
        )
