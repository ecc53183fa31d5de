"""The email loop: run the schedulers, then deliver what is due.

`flask portal worker`, the thread of `make run` and the Celery tasks
(in portal/celery_app.py) all call these functions, so every runner does the
same work. Each function opens its own app context and removes the database session
after, because runners are long-lived and must not carry a session across turns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime

from flask import Flask

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.schedulers import run_schedulers
from portal.notifications.services import DeliveryReport, deliver_due

log = logging.getLogger(__name__)


@dataclass
class WorkerReport:
    """What one turn of the loop did: emails scheduled by name, and the delivery."""

    scheduled: dict[str, int] = field(default_factory=dict)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    #: Set when the schedulers crashed this turn (delivery still ran).
    scheduler_error: str | None = None

    def summary(self) -> str:
        """One line for the console and the log."""
        if self.scheduler_error:
            scheduled = f"failed ({self.scheduler_error})"
        else:
            scheduled = " ".join(f"{name}={count}" for name, count in self.scheduled.items())
        return f"scheduled: {scheduled or 'nothing'}; {describe_delivery(self.delivery)}"

    @property
    def did_something(self) -> bool:
        """Whether the turn wrote or sent anything (or failed), worth a log line."""
        return bool(
            self.scheduler_error or any(self.scheduled.values()) or not is_empty(self.delivery)
        )


def describe_delivery(report: DeliveryReport) -> str:
    """`sent=… retried=… failed=…`, with whatever counters the report has."""
    return " ".join(f"{f.name}={getattr(report, f.name)}" for f in fields(report))


def is_empty(report: DeliveryReport) -> bool:
    """Whether a delivery batch touched no row (nothing was due)."""
    return not any(getattr(report, f.name) for f in fields(report))


def add_to(total: DeliveryReport, report: DeliveryReport) -> None:
    """Add the counters of one batch to a running total."""
    for f in fields(report):
        setattr(total, f.name, getattr(total, f.name) + getattr(report, f.name))


@contextmanager
def app_session(app: Flask) -> Iterator[None]:
    """An app context whose database session is removed on the way out."""
    with app.app_context():
        try:
            yield
        finally:
            db.session.remove()


def schedule(app: Flask, now: datetime | None = None) -> dict[str, int]:
    """Run every scheduler once (reminders, catch-ups, digests); counts by name.

    Exceptions propagate: `run_once` decides what a crash means for the turn.
    """
    with app_session(app):
        return run_schedulers(now or utcnow())


def deliver(
    app: Flask, now: datetime | None = None, max_batches: int | None = None
) -> DeliveryReport:
    """Deliver due mail, batch after batch, until nothing is due or `max_batches` ran.

    One `deliver_due` call sends one batch (MAIL_BATCH_SIZE) over one connection; draining
    several per turn lets a backlog (Monday's digests) go out at SMTP speed instead of one
    batch per pause. With `now` left out each batch reads the clock itself.
    """
    max_batches = max_batches or app.config["WORKER_MAX_BATCHES"]
    total = DeliveryReport()
    with app_session(app):
        for _ in range(max_batches):
            report = deliver_due(now)
            if is_empty(report):
                break
            add_to(total, report)
    return total


def run_once(app: Flask, now: datetime | None = None) -> WorkerReport:
    """One turn: the schedulers, then delivery.

    A crashing scheduler is logged and the turn goes on: mail already queued (a password
    reset, yesterday's reminders) must not wait for a bug in a digest section.
    """
    report = WorkerReport()
    try:
        report.scheduled = schedule(app, now)
    except Exception as error:
        log.exception("schedulers failed; delivering anyway")
        report.scheduler_error = type(error).__name__
    report.delivery = deliver(app, now)
    return report


def run_forever(app: Flask, interval: float, stop: threading.Event | None = None) -> None:
    """Run a turn every `interval` seconds until `stop` is set."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            report = run_once(app)
            if report.did_something:
                log.info("email worker: %s", report.summary())
        except Exception:  # a database hiccup must not kill the loop
            log.exception("email delivery failed; retrying next turn")
        stop.wait(interval)


def start_inprocess_worker(app: Flask, stop: threading.Event | None = None) -> threading.Thread:
    """Start the loop in a daemon thread of the web process (development, `make run`);
    it ends with the process, or when `stop` is set."""
    thread = threading.Thread(
        target=run_forever,
        args=(app, app.config["WORKER_INTERVAL_SECONDS"], stop),
        name="email-worker",
        daemon=True,
    )
    thread.start()
    return thread
