"""The delivery loop, run by `flask portal worker` or in a thread of `make run`."""

from __future__ import annotations

import logging
import threading

from flask import Flask

from portal.core.extensions import db
from portal.notifications.services import deliver_due

log = logging.getLogger(__name__)


def run_once(app: Flask):
    """Deliver what is due now, in an app context; returns the report."""
    with app.app_context():
        try:
            return deliver_due()
        finally:
            db.session.remove()


def run_forever(app: Flask, interval: float, stop: threading.Event | None = None) -> None:
    """Deliver due mail every `interval` seconds until `stop` is set."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            report = run_once(app)
            if report.sent or report.retried or report.failed:
                log.info("outbox: %s", report)
        except Exception:  # a database hiccup must not kill the loop
            log.exception("outbox delivery failed; retrying")
        stop.wait(interval)


def start_inprocess_worker(app: Flask) -> threading.Thread:
    """Start the loop in a daemon thread of the web process (development)."""
    thread = threading.Thread(
        target=run_forever,
        args=(app, app.config["WORKER_INTERVAL_SECONDS"]),
        name="outbox-worker",
        daemon=True,
    )
    thread.start()
    return thread
