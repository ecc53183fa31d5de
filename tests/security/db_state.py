"""Snapshots of every table, to prove that a request wrote nothing.

Row counts miss updates (a space archived, a post hidden), so a snapshot holds every
row of every table of the models' metadata. Comparing two snapshots names the tables
that changed. Only the login bookkeeping is left out: the record behind a cookie notes
when it was last seen (portal.accounts.logins.load_login), which is not a change of state.
"""

from __future__ import annotations

from sqlalchemy import select

#: Columns written by merely being signed in: ignored when comparing snapshots.
BOOKKEEPING = {"login_sessions": {"last_seen_at"}}
#: Tables a page writes by being shown (routes.GET_WRITES): a refused form that shows the
#: page again may write them, e.g. a thread re-rendered with the reply's errors marks it read.
READ_MARKERS = {"thread_reads"}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (bookkeeping columns aside), sorted, as text."""
    from portal.core.extensions import db
    from tests import factories

    with factories.context():
        db.session.remove()
        state = {}
        for table in db.metadata.sorted_tables:
            skipped = BOOKKEEPING.get(table.name, set())
            columns = [c for c in table.columns if c.name not in skipped]
            rows = db.session.execute(select(*columns)).all()
            state[table.name] = sorted(tuple(repr(v) for v in row) for row in rows)
        db.session.remove()
        return state


def changed_tables(before: dict, after: dict, ignore=frozenset()) -> list[str]:
    """The tables whose rows differ between two snapshots (but those in `ignore`)."""
    names = (before.keys() | after.keys()) - set(ignore)
    return sorted(name for name in names if before.get(name) != after.get(name))
