"""`python -m bench.generate`: the alliance at full size, for the load benchmark (bench/load.py).

At --scale 1.0: 500 organisations (most with a validated charter signature), 5,000
members (some signing in their own name), 60 spaces (cohorts and communities, three
spaces per member, two facilitators each), 3,000 sessions over a year with their
registrations, 30,000 forum posts in threads of every space, 1,000 experiences with
their fundamentals and themes, 5,000 materials (mostly small real files in the
storage, the rest links), and the search index rebuilt as `flask portal
reindex-search` does. Smaller scales shrink every count (with floors that keep each
page meaningful), so the test suite runs it in a second.

Rows (bench/alliance_data.py) are built from a seeded random generator with known
ids, then inserted in chunks with SQLAlchemy's insert() (no ORM objects), so memory
stays flat. The
schema is created as the tests do (create_all and the search index DDL), on SQLite
or PostgreSQL. A manifest names the members the load test signs in as, with a space,
threads and an open session each (`--manifest FILE`, JSON).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from sqlalchemy import func, insert, inspect, select, text
from werkzeug.security import generate_password_hash

from bench import alliance_data as data
from bench.email_data import chunked

#: The password of every generated member (the load test logs in with it).
PASSWORD = "bench-maillage-2027"  # noqa: S105 - throwaway benchmark data
#: Members the load test may sign in as (one per simulated user).
BENCH_MEMBERS = 64
#: Words the load test searches for: common subjects and rarer ones.
SEARCH_WORDS = ("énergie", "mobilité", "compost", "cantine", "friche", "covoiturage")


class Progress:
    """A progress bar on stderr, without dependencies; one line per step when not a terminal."""

    WIDTH = 30

    def __init__(self, stream=sys.stderr, quiet: bool = False):
        self.stream, self.quiet = stream, quiet
        self.tty = getattr(stream, "isatty", lambda: False)()
        self.started = time.perf_counter()

    def update(self, label: str, done: int, total: int) -> None:
        """Redraw the bar (terminals only)."""
        if self.quiet or not self.tty:
            return
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r  [{bar}] {label:<14} {done:>7,}/{total:,}")
        self.stream.flush()

    def finish(self, label: str, total: int) -> None:
        """End a step with its count and the elapsed time."""
        if self.quiet:
            return
        elapsed = time.perf_counter() - self.started
        line = f"  {label:<14} {total:>7,} rows   ({elapsed:5.1f} s since start)"
        self.stream.write(("\r" + " " * 70 + "\r" if self.tty else "") + line + "\n")
        self.stream.flush()


class Writer:
    """Bulk inserts, chunk by chunk, committed, reported on the progress bar."""

    def __init__(self, session, progress: Progress):
        self.session, self.progress = session, progress

    def insert(self, label: str, table, rows: Iterable[dict], total: int) -> int:
        """Insert `rows` (about `total` of them) into `table` (a model or a Table)."""
        done = 0
        for batch in chunked(rows):
            self.session.execute(insert(table), batch)
            self.session.commit()
            done += len(batch)
            self.progress.update(label, done, total)
        self.progress.finish(label, done)
        return done


# --- the whole run ---------------------------------------------------------------------------


def manifest(plan: data.Plan, meetings: list[dict], threads: list[dict]) -> dict:
    """The members the load test signs in as, each with a space, threads and an open session.

    The session is ahead, without capacity, and the member is not registered for it,
    so registering and unregistering succeed in turn, any number of times.
    """
    ahead = {}
    for meeting in meetings:
        if meeting["starts_at"] > plan.now + timedelta(days=2) and meeting["capacity"] is None:
            ahead.setdefault(meeting["space_id"], []).append(meeting["id"])
    threads_of: dict[int, list[int]] = {}
    for thread in threads:
        threads_of.setdefault(thread["space_id"], []).append(thread["id"])
    members = []
    for member in plan.plain_members:
        space = next((s for s in plan.spaces_of[member] if s in ahead), None)
        if space is None:
            continue
        members.append(
            {
                "email": data.member_email(member),
                "id": member,
                "space": f"espace-{space}",
                "threads": threads_of.get(space, [])[:5],
                "meeting": ahead[space][member % len(ahead[space])],
            }
        )
        if len(members) == BENCH_MEMBERS:
            break
    return {
        "password": PASSWORD,
        "members": members,
        "search_words": list(SEARCH_WORDS),
        "regions": sorted(set(data.REGIONS)),
        "fundamentals": list(data.FUNDAMENTALS),
    }


def create_schema(engine) -> None:
    """The tables as the tests make them: every model, then the search index."""
    from portal.core.extensions import db
    from portal.search.schema import ensure_schema

    db.metadata.create_all(engine)
    ensure_schema(engine)


def reset_sequences(session) -> None:
    """PostgreSQL: move each id sequence past the ids written here, so new rows get fresh ids."""
    if session.get_bind().dialect.name != "postgresql":
        return
    from portal.core.extensions import db

    for table in db.metadata.sorted_tables:
        # Only integer keys have a sequence (a ballot's key is a random string).
        if "id" in table.c and table.autoincrement_column is table.c.id:
            # Table names come from our own metadata, not from input.
            statement = (
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"  # noqa: S608
                f" COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
            session.execute(text(statement))
    session.commit()


def generate(app, scale: float = 1.0, *, progress: Progress | None = None) -> dict:
    """Fill the (empty) database of `app` at `scale`; returns the load test's manifest."""
    from portal.accounts.models import User
    from portal.alliance import charter
    from portal.alliance.models import Organisation, Signature
    from portal.core import storage
    from portal.core.db import utcnow
    from portal.core.extensions import db
    from portal.experiences.models import (
        Experience,
        ExperienceFundamental,
        Theme,
        experience_themes,
    )
    from portal.experiences.themes import seed_themes
    from portal.forums.models import Post, Subscription, Thread
    from portal.materials.constants import UPLOAD_DOMAIN
    from portal.materials.models import Material
    from portal.meetings.models import Meeting, Registration
    from portal.search import indexing
    from portal.spaces.models import Membership, Space

    progress = progress or Progress()
    sizes = data.Sizes.at(scale)
    with app.test_request_context():
        session = db.session
        create_schema(db.engine)
        if session.scalar(select(func.count(User.id))):
            raise SystemExit("The database already holds members: generate into an empty one.")
        plan = data.make_plan(sizes, utcnow())
        write = Writer(session, progress)
        write.insert("organisations", Organisation, data.organisations(plan), sizes.organisations)
        members = data.users(plan, generate_password_hash(PASSWORD))
        write.insert("members", User, members, sizes.members)
        version = charter.current_version().number
        write.insert("signatures", Signature, data.signatures(plan, version), sizes.organisations)
        write.insert("spaces", Space, data.spaces(plan), sizes.spaces)
        write.insert("memberships", Membership, data.memberships(plan), sizes.members * 3)
        meetings = data.sessions(plan)
        write.insert("sessions", Meeting, meetings, len(meetings))
        threads, posts = data.threads_and_posts(plan)
        bench = manifest(plan, meetings, threads)
        skip = {(m["meeting"], m["id"]) for m in bench["members"]}
        expected = len(meetings) * 19  # about (25 // 2 + 25) / 2 per session
        registrations = data.registrations(plan, meetings, skip)
        write.insert("registrations", Registration, registrations, expected)
        write.insert("threads", Thread, threads, len(threads))
        write.insert("posts", Post, posts(), sizes.posts)
        follows = data.subscriptions(plan, threads)
        write.insert("subscriptions", Subscription, follows, sizes.members)
        seed_themes()
        session.commit()
        themes = session.scalars(select(Theme).order_by(Theme.position)).all()
        rows, fundamentals, tags = data.experiences(plan, [t.id for t in themes])
        write.insert("experiences", Experience, rows, len(rows))
        write.insert("fundamentals", ExperienceFundamental, fundamentals, len(fundamentals))
        write.insert("experience tags", experience_themes, tags, len(tags))
        backend = storage.current_storage()

        def store(data: bytes) -> str:
            return storage.split_key(backend.save(UPLOAD_DOMAIN, BytesIO(data)))[1]

        keys = [t.key for t in themes]
        rows = data.materials(plan, meetings, keys, store)
        write.insert("materials", Material, rows, sizes.materials)
        reset_sequences(session)
        progress.update("search index", 0, 1)
        counts = indexing.reindex_all()
        session.commit()
        progress.finish("search index", sum(counts.values()))
        # Fresh planner statistics, as a database in service would have.
        session.execute(text("ANALYZE"))
        session.commit()
    return bench


def bench_app(database_url: str, upload_root: str | Path, **overrides):
    """The app the generator (and the profiler) work on: the given database and uploads."""
    from portal import create_app

    return create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": database_url,
            "UPLOAD_ROOT": str(upload_root),
            "STORAGE_BACKEND": "local",
            **overrides,
        },
    )


def table_counts(app) -> dict[str, int]:
    """Rows per table (for the report)."""
    from portal.core.extensions import db

    with app.app_context():
        names = inspect(db.engine).get_table_names()
        return {
            name: db.session.scalar(text(f'SELECT COUNT(*) FROM "{name}"'))  # noqa: S608
            for name in sorted(names)
            if not name.startswith(("search_fts_", "alembic"))
        }


def main(argv: list[str] | None = None) -> int:
    """Command line: generate into --database-url, files under --upload-root."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="an empty database")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the full alliance")
    parser.add_argument("--upload-root", default="instance/uploads", help="where files go")
    parser.add_argument("--manifest", help="write the load test's members there (JSON)")
    args = parser.parse_args(argv)
    app = bench_app(args.database_url, args.upload_root)
    print(f"Generating at scale {args.scale}: {asdict(data.Sizes.at(args.scale))}", file=sys.stderr)
    bench = generate(app, args.scale)
    if args.manifest:
        Path(args.manifest).write_text(json.dumps(bench, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
