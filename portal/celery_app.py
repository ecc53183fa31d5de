"""Celery: workers and beat run the email loop at scale (optional, needs CELERY_BROKER_URL).

    celery -A portal.celery_app worker -B        # one machine: workers and the clock
    celery -A portal.celery_app beat             # several machines: exactly one clock...
    celery -A portal.celery_app worker           # ...and any number of workers, anywhere

The tasks (`deliver`, `run_schedulers`, below) call the same functions as `flask portal
worker`. Celery's settings come from config.py like the web app's (PORTAL_ENV, CELERY_*).
The Flask app is built lazily, once per worker process, when the first task runs: never
in beat, which needs none, and never in a prefork parent, whose database pool would be
shared by the children after the fork.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import asdict

from celery import Celery
from celery.signals import beat_init, worker_init
from flask import Config, Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from config import BASE_DIR, CONFIGS, config_name

log = logging.getLogger(__name__)

# The names are older than the module: the tasks lived in portal.notifications.tasks, which
# imported this composition root from below (the layers forbid it). Messages name tasks.
DELIVER_TASK = "portal.notifications.tasks.deliver"
SCHEDULE_TASK = "portal.notifications.tasks.run_schedulers"


def make_celery(settings: Mapping, set_as_current: bool = True) -> Celery:
    """A Celery app for portal settings (the names of config.py)."""
    app = Celery("maillage", set_as_current=set_as_current)
    backend = settings.get("CELERY_RESULT_BACKEND")
    schedulers_every = settings["CELERY_SCHEDULERS_INTERVAL"]
    deliver_every = settings["CELERY_DELIVER_INTERVAL"]
    app.conf.update(
        broker_url=settings.get("CELERY_BROKER_URL"),
        result_backend=backend,
        task_ignore_result=not backend,
        task_default_queue=settings["CELERY_QUEUE"],
        # Idempotent tasks are acknowledged after they ran (see tasks.py), and a worker
        # takes one message at a time so a long delivery does not hold others back.
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        timezone="UTC",
        beat_schedule={
            # A tick that waited longer than its period is dropped: the next one does its work.
            "run-schedulers": {
                "task": SCHEDULE_TASK,
                "schedule": float(schedulers_every),
                "options": {"expires": schedulers_every},
            },
            "deliver": {
                "task": DELIVER_TASK,
                "schedule": float(deliver_every),
                "options": {"expires": deliver_every},
            },
        },
    )
    return app


def settings_from_env() -> Config:
    """The settings `create_app()` would read, without building the app."""
    settings = Config(str(BASE_DIR))
    settings.from_object(CONFIGS[config_name()])
    return settings


SETTINGS = settings_from_env()
#: The app of `celery -A portal.celery_app`; the tasks are registered on it.
celery = make_celery(SETTINGS)


@worker_init.connect
@beat_init.connect
def require_broker(**_kwargs) -> None:
    """Refuse to start without CELERY_BROKER_URL rather than wait on a default AMQP server."""
    if not SETTINGS.get("CELERY_BROKER_URL"):
        raise SystemExit("Maillage: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/1).")


def flask_app() -> Flask:
    """The Flask app a task runs in: the caller's if there is one (a task called
    directly, as tests do), else this worker process's own."""
    if has_app_context():
        return current_app._get_current_object()
    return process_app()


@functools.cache
def process_app() -> Flask:
    """This worker process's Flask app, built on first use."""
    from portal import create_app

    # Celery is the worker here: no second loop in a thread.
    return create_app(overrides={"PORTAL_INPROCESS_WORKER": False})


def celery_for(app: Flask) -> Celery:
    """The Celery client a Flask app sends tasks with (its own settings, built once)."""
    client = app.extensions.get("celery")
    if client is None:
        client = app.extensions["celery"] = make_celery(app.config, set_as_current=False)
    return client


def request_delivery(app: Flask) -> None:
    """Ask the workers to deliver now rather than at beat's next tick; best effort,
    since beat's tick delivers anyway."""
    try:
        celery_for(app).send_task(DELIVER_TASK, retry=False)
    except Exception as error:  # the broker is down: never fail the caller's request
        log.warning("could not ask Celery to deliver now: %s", error)


def init_app(app: Flask) -> None:
    """With a broker, send a `deliver` task after each commit that wrote outbox rows,
    so a password reset leaves within a second instead of at beat's next tick."""
    if app.config.get("CELERY_BROKER_URL") and not event.contains(
        Session, "after_commit", deliver_after_commit
    ):
        event.listen(Session, "after_flush", note_outbox_rows)
        event.listen(Session, "after_commit", deliver_after_commit)
        event.listen(Session, "after_rollback", forget_outbox_rows)


def note_outbox_rows(session: Session, _flush_context) -> None:
    """Remember that this transaction flushed outbox rows (`session.new` is still the
    pre-flush list here)."""
    from portal.notifications.models import OutboxEmail

    if any(isinstance(obj, OutboxEmail) for obj in session.new):
        session.info["outbox_written"] = True


def forget_outbox_rows(session: Session) -> None:
    """A rolled back transaction wrote no email."""
    session.info.pop("outbox_written", None)


def deliver_after_commit(session: Session) -> None:
    """Send a `deliver` task when the committed transaction wrote outbox rows.

    SQLAlchemy also calls after_commit when a SAVEPOINT is released (`enqueue` writes
    each row in one): that is not a commit yet, and a worker that read the outbox then
    found nothing (the Celery test failed under load, CI of 2026-11-28). Only the outer
    transaction's commit makes the rows visible to the workers.
    """
    if session.in_nested_transaction():
        return
    if not session.info.pop("outbox_written", False) or not has_app_context():
        return
    # Checked at run time: the listener is global, the setting belongs to each app.
    if current_app.config.get("CELERY_BROKER_URL"):
        request_delivery(current_app._get_current_object())


# --- the tasks ------------------------------------------------------------------------
# Both are acknowledged late (`acks_late`): a worker that dies mid-task leaves the message
# in the broker and another worker runs it again. That is safe because both are idempotent:
# - `deliver` sends only rows it claimed (a conditional UPDATE; SKIP LOCKED on PostgreSQL)
#   and commits each row as sent as soon as the SMTP server accepted it. A second run finds
#   those rows sent, and rows still leased by a dead worker come back only when their lease
#   ends; at most the one message in flight when a worker died can go out twice.
# - `run_schedulers` writes rows whose dedupe keys are unique in the database: a second run
#   (or two beats at once) finds every key taken and writes nothing.


@celery.task(name=DELIVER_TASK, acks_late=True)
def deliver() -> dict[str, int]:
    """Deliver due mail: batch after batch, up to WORKER_MAX_BATCHES; beat calls again."""
    from portal.notifications import worker

    return asdict(worker.deliver(flask_app()))


@celery.task(name=SCHEDULE_TASK, acks_late=True)
def run_schedulers() -> dict[str, int]:
    """Run the schedulers once: reminders, catch-ups, digests."""
    from portal.notifications import worker

    return worker.schedule(flask_app())
