"""The calendar year a report counts, and the helpers every section's queries share.

A year is the half-open interval [1 January 00:00, 1 January of the next year 00:00) in
UTC: the few hours by which Paris differs at the turn of the year are not worth a zone
conversion in every query, and UTC keeps the bounds the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import extract, func

from portal.core.db import utcnow
from portal.core.extensions import db

#: A breakdown's counts from 1 to this bound are stored as None ("fewer than 5").
SMALL_COUNT_MAX = 4


@dataclass(frozen=True)
class Period:
    """A calendar year in UTC, and the moment the figures are computed at."""

    year: int
    start: datetime
    end: datetime
    #: Sessions count as held once ended before this moment.
    now: datetime

    @classmethod
    def of(cls, year: int, now: datetime | None = None) -> Period:
        """The period of `year`, computed at `now` (default: the current time)."""
        start = datetime(year, 1, 1, tzinfo=UTC)
        end = datetime(year + 1, 1, 1, tzinfo=UTC)
        return cls(year, start, end, now or utcnow())

    @property
    def first_day(self) -> date:
        """1 January of the year."""
        return self.start.date()

    @property
    def next_first_day(self) -> date:
        """1 January of the next year (excluded)."""
        return self.end.date()

    def contains(self, column):
        """SQL: `column` (a UTC timestamp) falls in the year."""
        return (column >= self.start) & (column < self.end)


def hours_between(starts_at, ends_at):
    """SQL: the hours from `starts_at` to `ends_at`, in the running database's dialect
    (SQLite stores naive text timestamps; PostgreSQL subtracts timestamptz into an interval)."""
    if db.session.get_bind().dialect.name == "sqlite":
        return (func.julianday(ends_at) - func.julianday(starts_at)) * 24
    return extract("epoch", ends_at - starts_at) / 3600


def masked(count: int | None) -> int | None:
    """A breakdown cell: None for a small count (1 to 4), the count otherwise."""
    count = int(count or 0)
    return None if 0 < count <= SMALL_COUNT_MAX else count


def breakdown(rows, order=None) -> list[dict]:
    """Rows of (key, count) as breakdown rows: known keys in `order`'s order, then the
    others by key; zero counts omitted, small ones masked."""
    counts = {key: int(count or 0) for key, count in rows if key is not None}
    ranks = {key: n for n, key in enumerate(order or ())}
    keys = sorted(counts, key=lambda key: (ranks.get(key, len(ranks)), key))
    return [{"key": key, "value": masked(counts[key])} for key in keys if counts[key] > 0]


def rate(part, whole) -> float | None:
    """`part / whole` as a float rounded to 4 places, or None when `whole` is 0."""
    part, whole = int(part or 0), int(whole or 0)
    return round(part / whole, 4) if whole else None


def count(value) -> int:
    """An aggregate's value as an int (SQL gives NULL for a sum over no rows)."""
    return int(value or 0)
