"""Query budgets: a page that lists things runs the same, small number of SQL statements
with one item as with many, and never lazy-loads.

    counts = assert_budget(app, client, "/spaces", grow=add_thirty_spaces, max_queries=8)

`measure()` requests a page once, counting the statements it runs (as the `count_queries`
fixture does) and recording every ORM lazy load that reached the database: a relationship
read off an object that was not loaded with its query (`selectinload`/`joinedload` were
missing), or a deferred or expired column fetched one object at a time. On a list page
either one is an N+1 waiting for data, so `assert_budget()` fails on the first, whatever
the count.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

#: Statements the count leaves out: savepoints and SQLite's PRAGMAs are the test harness's.
IGNORED_PREFIXES = ("SAVEPOINT", "RELEASE", "PRAGMA")

#: Every page measured in this run: name -> Counts; printed at the end of tests/budgets.
RESULTS: dict[str, Counts] = {}


@dataclass
class Measurement:
    """What one request ran: its SQL statements and the lazy loads among them."""

    statements: list[str] = field(default_factory=list)
    lazy_loads: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """The number of statements."""
        return len(self.statements)


@dataclass(frozen=True)
class Counts:
    """A page's statements with small and with large data, and the budget it must keep."""

    small: int
    large: int
    budget: int


def _lazy_load(state: ORMExecuteState) -> str | None:
    """A name for the lazy load `state` runs ("Thread.author"), or None for a planned query."""
    parent = state.lazy_loaded_from
    if parent is not None:
        path = state.loader_strategy_path
        attribute = path[-1].key if path is not None and len(path) else "?"
        return f"{parent.class_.__name__}.{attribute} (relationship loaded one object at a time)"
    if state.is_column_load:
        mapper = state.bind_mapper
        name = mapper.class_.__name__ if mapper is not None else "?"
        return f"{name} columns (deferred or expired, refreshed one object at a time)"
    return None


@contextmanager
def recording(app):
    """Record the statements and lazy loads run inside the block into a `Measurement`."""
    from portal.core.extensions import db

    measured = Measurement()

    def statement(conn, cursor, sql, parameters, context, executemany):
        if not sql.lstrip().upper().startswith(IGNORED_PREFIXES):
            measured.statements.append(sql)

    def orm_execute(state: ORMExecuteState):
        lazy = _lazy_load(state)
        if lazy is not None:
            measured.lazy_loads.append(lazy)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", statement)
    # On the Session class: the request's scoped session is created inside the block.
    event.listen(Session, "do_orm_execute", orm_execute)
    try:
        yield measured
    finally:
        event.remove(Session, "do_orm_execute", orm_execute)
        event.remove(engine, "before_cursor_execute", statement)


def measure(app, client, url: str, *, warm_up: bool = False) -> Measurement:
    """GET `url` (it must answer 200) and return what it ran.

    `warm_up` requests it once first, uncounted: for the pages allowed to write on a GET
    (routes.GET_WRITES), whose first view creates what later views only read.
    """
    if warm_up:
        client.get(url).close()
    with recording(app) as measured:
        response = client.get(url)
    response.close()  # a download's stored file, streamed, is closed with its response
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return measured


def assert_budget(
    app,
    client,
    url: str,
    grow: Callable[[], object],
    max_queries: int,
    *,
    warm_up: bool = False,
    name: str | None = None,
) -> Counts:
    """Measure `url`, `grow()` the data, measure again: the same count, within `max_queries`,
    and no lazy load either time. Returns the counts (also kept in RESULTS under `name`)."""
    small = measure(app, client, url, warm_up=warm_up)
    grow()
    large = measure(app, client, url, warm_up=warm_up)
    counts = Counts(small.count, large.count, max_queries)
    RESULTS[name or url] = counts
    for label, measured in (("small", small), ("large", large)):
        assert not measured.lazy_loads, f"GET {url} lazy-loaded ({label} data): " + "; ".join(
            sorted(set(measured.lazy_loads))
        )
    assert large.count == small.count, (
        f"GET {url}: {small.count} statements with small data, {large.count} with large:\n"
        + "\n".join(large.statements)
    )
    assert large.count <= max_queries, (
        f"GET {url}: {large.count} statements, budget {max_queries}:\n"
        + "\n".join(large.statements)
    )
    return counts
