"""Celery tasks: the two halves of the email loop, run by `celery -A portal.celery_app`.

Both are acknowledged late (`acks_late`): a worker that dies mid-task leaves the message
in the broker and another worker runs it again. That is safe because both are idempotent:
- `deliver` sends only rows it claimed (a conditional UPDATE; SKIP LOCKED on PostgreSQL)
  and commits each row as sent as soon as the SMTP server accepted it. A second run finds
  those rows sent, and rows still leased by a dead worker come back only when their lease
  ends; at most the one message in flight when a worker died can go out twice.
- `run_schedulers` writes rows whose dedupe keys are unique in the database: a second run
  (or two beats at once) finds every key taken and writes nothing.
"""

from __future__ import annotations

from dataclasses import asdict

from portal.celery_app import DELIVER_TASK, SCHEDULE_TASK, celery, flask_app
from portal.notifications import worker


@celery.task(name=DELIVER_TASK, acks_late=True)
def deliver() -> dict[str, int]:
    """Deliver due mail: batch after batch, up to WORKER_MAX_BATCHES; beat calls again."""
    return asdict(worker.deliver(flask_app()))


@celery.task(name=SCHEDULE_TASK, acks_late=True)
def run_schedulers() -> dict[str, int]:
    """Run the schedulers once: reminders, catch-ups, digests."""
    return worker.schedule(flask_app())
