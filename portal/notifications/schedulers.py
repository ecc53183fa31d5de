"""The schedulers: what decides, from the clock alone, which emails are due.

Each scheduler is a function of `now` that writes outbox rows (reminders before
sessions, catch-ups after a missed one, digests). Running one twice, or two at
once, writes nothing twice: every row has a dedupe key the database keeps unique.
The worker loop (`flask portal worker`) and Celery beat both call `run_schedulers`,
which also runs the outbox's retention pass (retention.py: old rows deleted, "purged").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import select

from portal.core.extensions import db
from portal.notifications.models import OutboxEmail

log = logging.getLogger(__name__)


#: Name -> (position, scheduler); they run by position. The domains that own what is scheduled
#: register here when their package is imported (meetings: reminders, catch-ups;
#: digests), so this module reads no domain; the composition root imports them all.
_SCHEDULERS: dict[str, tuple[int, Callable[[datetime], int]]] = {}
#: Name -> how long after writing a row the scheduler may still compute its dedupe key
#: (read by the retention pass, retention.rewrite_horizon).
_HORIZONS: dict[str, Callable[[], timedelta]] = {}


def register_scheduler(
    name: str,
    scheduler: Callable[[datetime], int],
    horizon: Callable[[], timedelta],
    position: int,
) -> None:
    """Run `scheduler(now)` on every turn, as `name`, in the order of `position` (whatever
    the import order); `horizon()` bounds how long its rows' keys can come back.
    Registering the same name again replaces it."""
    _SCHEDULERS[name] = (position, scheduler)
    _HORIZONS[name] = horizon


def horizons() -> list[timedelta]:
    """Every registered scheduler's rewrite horizon."""
    return [horizon() for horizon in _HORIZONS.values()]


def _registry() -> dict[str, Callable[[datetime], int]]:
    """Name -> scheduler: the registered ones, then the outbox's retention pass.

    The last, "purged", writes nothing: it deletes old outbox rows and counts them.
    """
    from portal.notifications.retention import purge_outbox

    ordered = sorted(_SCHEDULERS.items(), key=lambda item: item[1][0])
    return {**{name: scheduler for name, (_position, scheduler) in ordered}, "purged": purge_outbox}


def run_schedulers(now: datetime) -> dict[str, int]:
    """Run every scheduler for `now`, each in its own transaction; emails written by name
    (and old outbox rows deleted, as "purged").

    A scheduler that fails is rolled back and logged, and the others still run:
    a bad digest must not hold back tomorrow's reminders.
    """
    counts = {}
    for name, scheduler in _registry().items():
        try:
            counts[name] = scheduler(now)
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("scheduler %s failed; the next turn tries again", name)
            counts[name] = 0
    return counts


def written_keys(keys: Iterable[str]) -> set[str]:
    """The dedupe keys among `keys` that already have an outbox row (one query).

    Schedulers look at the same candidates minute after minute; checking a whole
    batch at once keeps the query count flat when nothing new is due.
    """
    keys = list(keys)
    if not keys:
        return set()
    query = select(OutboxEmail.dedupe_key).where(OutboxEmail.dedupe_key.in_(keys))
    return set(db.session.scalars(query))


def chunks(rows: Iterable, size: int) -> Iterable[list]:
    """`rows` in lists of at most `size` (a streamed result stays streamed)."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def forget(objects: Iterable) -> None:
    """Flush, then drop `objects` from the session: a scheduler streaming many rows keeps
    only the current batch in memory."""
    db.session.flush()
    for obj in objects:
        if obj in db.session:
            db.session.expunge(obj)
