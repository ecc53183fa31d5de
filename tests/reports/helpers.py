"""Builders of the figures' tests: dates in a year, columns set straight in the tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from tests import factories

#: The moment the figures of 2025 are computed at in these tests: every 2025 session is over.
AFTER_2025 = datetime(2026, 1, 15, tzinfo=UTC)


def at(year: int, month: int = 6, day: int = 1, hour: int = 12, minute: int = 0) -> datetime:
    """An aware UTC moment."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def set_columns(model, where, **values) -> None:
    """Write `values` on the rows of `model` matching `where` (dates the services set now)."""
    from portal.core.extensions import db

    with factories.context():
        db.session.execute(update(model).where(where).values(**values))
        db.session.commit()


def figures(year: int = 2025, now: datetime = AFTER_2025) -> dict:
    """The figures of `year` as of `now`."""
    from portal.reports.figures import compute_figures

    with factories.context():
        return compute_figures(year, now=now)


def section(name: str, year: int = 2025, now: datetime = AFTER_2025) -> dict:
    """One section of the figures of `year`."""
    return figures(year, now)["sections"][name]


def values(rows: list[dict]) -> dict:
    """A breakdown's rows as {key: value}."""
    return {row["key"]: row["value"] for row in rows}
