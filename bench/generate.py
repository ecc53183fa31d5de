"""`python -m bench.generate`: the alliance at full size, for the load benchmark (bench/load.py).

At --scale 1.0: 500 organisations (most with a validated charter signature), 5,000
members (some signing in their own name), 60 spaces (cohorts and communities, three
spaces per member, two facilitators each), 3,000 sessions over a year with their
registrations, 30,000 forum posts in threads of every space, 1,000 experiences with
their fundamentals and themes, 5,000 materials (mostly small real files in the
storage, the rest links), and the search index rebuilt as `flask portal
reindex-search` does. Smaller scales shrink every count (with floors that keep each
page meaningful), so the test suite runs it in a second.

Rows are built from a seeded random generator with known ids, then inserted in
chunks with SQLAlchemy's insert() (no ORM objects), so memory stays flat. The
schema is created as the tests do (create_all and the search index DDL), on SQLite
or PostgreSQL. A manifest names the members the load test signs in as, with a space,
threads and an open session each (`--manifest FILE`, JSON).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

from sqlalchemy import func, insert, inspect, select, text
from werkzeug.security import generate_password_hash

from bench.email_data import WORDS, chunked
from bench.email_data import text as paragraph

#: The password of every generated member (the load test logs in with it).
PASSWORD = "bench-maillage-2027"  # noqa: S105 - throwaway benchmark data
#: Members the load test may sign in as (one per simulated user).
BENCH_MEMBERS = 64
#: Words the load test searches for: each matches many documents.
SEARCH_WORDS = ("énergie", "mobilité", "alimentation", "coopérative", "biodiversité", "sobriété")
FULL = {
    "organisations": 500,
    "members": 5_000,
    "spaces": 60,
    "sessions": 3_000,
    "posts": 30_000,
    "experiences": 1_000,
    "materials": 5_000,
}
#: Floors at tiny scales: enough rows for every page to show something.
FLOORS = {
    "organisations": 10,
    "members": 40,
    "spaces": 4,
    "sessions": 16,
    "posts": 60,
    "experiences": 10,
    "materials": 10,
}
SPACES_PER_MEMBER = 3
FACILITATORS_PER_SPACE = 2
THREADS_PER_SPACE = 20
#: Share of validated organisation signatures, and of members signing in their own name.
VALIDATED_SHARE, INDIVIDUAL_SHARE = 0.9, 0.1
KINDS = ("collectivite", "intercommunalite", "association", "entreprise", "reseau", "universite")
REGIONS = ("bretagne", "normandie", "hauts-de-france", "occitanie", "grand-est", "bretagne")
FUNDAMENTALS = ("engagement", "systemic", "cooperation", "value")
WRITE_UP = ("context", "actions", "actors", "results", "difficulties", "lessons")
#: (display name pattern, content type, family) of generated files: real text content.
FILE_KINDS = (
    ("compte-rendu-{n}.txt", "text/plain; charset=utf-8", "document"),
    ("indicateurs-{n}.csv", "text/csv; charset=utf-8", "spreadsheet"),
)


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind to generate."""

    organisations: int
    members: int
    spaces: int
    sessions: int
    posts: int
    experiences: int
    materials: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        """The counts at `scale` (1.0 is the alliance at full size)."""
        return cls(**{k: max(FLOORS[k], round(n * scale)) for k, n in FULL.items()})


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


@dataclass
class Plan:
    """Who is where: decided before any row is written, so rows can refer to each other."""

    sizes: Sizes
    now: datetime
    rng: random.Random
    #: space id -> member ids (facilitators first).
    members_of: dict[int, list[int]]
    #: member id -> space ids.
    spaces_of: dict[int, list[int]]
    facilitators: set[int]

    @property
    def plain_members(self) -> list[int]:
        """Members who facilitate nothing (two-factor login is not required of them)."""
        return [m for m in range(1, self.sizes.members + 1) if m not in self.facilitators]


def make_plan(sizes: Sizes, now: datetime, seed: int = 2027) -> Plan:
    """Spread members over spaces; the last members facilitate, two per space."""
    rng = random.Random(seed)
    members_of: dict[int, list[int]] = {s: [] for s in range(1, sizes.spaces + 1)}
    spaces_of: dict[int, list[int]] = {}
    facilitators: set[int] = set()
    first_facilitator = sizes.members - sizes.spaces * FACILITATORS_PER_SPACE + 1
    for space in members_of:
        for k in range(FACILITATORS_PER_SPACE):
            member = first_facilitator + (space - 1) * FACILITATORS_PER_SPACE + k
            members_of[space].append(member)
            spaces_of[member] = [space]
            facilitators.add(member)
    space_ids = list(members_of)
    for member in range(1, first_facilitator):
        mine = rng.sample(space_ids, min(SPACES_PER_MEMBER, len(space_ids)))
        spaces_of[member] = mine
        for space in mine:
            members_of[space].append(member)
    return Plan(sizes, now, rng, members_of, spaces_of, facilitators)


# --- rows ------------------------------------------------------------------------------------


def organisations(plan: Plan):
    """Allies: a name, a kind, a region, a presentation."""
    for n in range(1, plan.sizes.organisations + 1):
        created = plan.now - timedelta(days=30 + n % 700)
        yield {
            "id": n,
            "name": f"{WORDS[n % len(WORDS)].capitalize()} en transition {n}",
            "slug": f"allie-{n}",
            "kind": KINDS[n % len(KINDS)],
            "region": REGIONS[n % len(REGIONS)],
            "territory": f"Commune {n}",
            "website": f"https://allie-{n}.example.org",
            "description": paragraph(n, 25),
            "created_at": created,
            "updated_at": created,
        }


def signatures(plan: Plan, version: int):
    """Most organisations signed (a few await validation); some members signed alone."""
    sizes, n = plan.sizes, 0
    for org in range(1, sizes.organisations + 1):
        validated = plan.rng.random() < VALIDATED_SHARE
        n += 1
        signed = plan.now - timedelta(days=20 + org % 600)
        yield {
            "id": n,
            "charter_version": version,
            "signatory_key": f"organisation:{org}",
            "organisation_id": org,
            "signer_id": None,
            "status": "validated" if validated else "pending",
            "represents_organisation": True,
            "signed_at": signed,
            "decided_at": signed + timedelta(days=2) if validated else None,
            "source": "import",
        }
    for member in range(1, sizes.members + 1, round(1 / INDIVIDUAL_SHARE)):
        n += 1
        signed = plan.now - timedelta(days=10 + member % 300)
        yield {
            "id": n,
            "charter_version": version,
            "signatory_key": f"person:{member}",
            "organisation_id": None,
            "signer_id": member,
            "status": "validated",
            "represents_organisation": False,
            "signed_at": signed,
            "decided_at": signed,
            "source": "web",
        }


def users(plan: Plan, password_hash: str):
    """Confirmed members, most of them from an ally organisation."""
    sizes = plan.sizes
    for n in range(1, sizes.members + 1):
        joined = plan.now - timedelta(days=5 + n % 500)
        yield {
            "id": n,
            "email": member_email(n),
            "display_name": f"Membre {n}",
            "password_hash": password_hash,
            "role": "member",
            "organisation_id": 1 + n % sizes.organisations if n % 5 else None,
            "locale": "en" if n % 7 == 0 else "fr",
            "timezone": "Indian/Reunion" if n % 40 == 0 else "Europe/Paris",
            "notification_preferences": {"digest": "weekly", "forum": "digest"},
            "email_confirmed_at": joined,
            "privacy_accepted_at": joined,
            "created_at": joined,
        }


def member_email(n: int) -> str:
    """The address of generated member `n`."""
    return f"membre{n}@bench.example.org"


def spaces(plan: Plan):
    """Half cohorts (with dates), half open communities."""
    for s in plan.members_of:
        cohort = s % 2 == 0
        created = plan.now - timedelta(days=400)
        yield {
            "id": s,
            "slug": f"espace-{s}",
            "title": f"{'Cohorte' if cohort else 'Communauté'} {WORDS[s % len(WORDS)]} {s}",
            "description": paragraph(s, 30),
            "kind": "cohort" if cohort else "community",
            "starts_on": (plan.now - timedelta(days=200)).date() if cohort else None,
            "ends_on": (plan.now + timedelta(days=200)).date() if cohort else None,
            "reminder_offsets": [7 * 24 * 60, 24 * 60],
            "created_at": created,
            "created_by_id": plan.members_of[s][0],
        }


def memberships(plan: Plan):
    """Everyone in their spaces; the first two of each space facilitate it."""
    for space, members in plan.members_of.items():
        for k, member in enumerate(members):
            yield {
                "space_id": space,
                "user_id": member,
                "role": "facilitator" if k < FACILITATORS_PER_SPACE else "member",
                "joined_at": plan.now - timedelta(days=300 - k % 200),
            }


def sessions(plan: Plan) -> list[dict]:
    """Sessions of each space over a year (half past, half ahead), a third with capacity."""
    rows, per_space = [], plan.sizes.sessions // plan.sizes.spaces
    n = 0
    for space in plan.members_of:
        for k in range(per_space):
            n += 1
            offset = -180 + 360 * k // per_space + space % 5
            starts = (plan.now + timedelta(days=offset)).replace(
                hour=8 + space % 9, minute=0, second=0, microsecond=0
            )
            rows.append(
                {
                    "id": n,
                    "space_id": space,
                    "title": f"Séance {k + 1} : {WORDS[(n * 3) % len(WORDS)]}",
                    "description": paragraph(n, 20),
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2),
                    "place": "Salle du conseil" if n % 3 else "",
                    "visio_url": "https://visio.example.org/salle" if n % 3 != 1 else "",
                    "capacity": 30 if n % 3 == 0 else None,
                    "created_by_id": plan.members_of[space][0],
                    "created_at": starts - timedelta(days=40),
                    "updated_at": starts - timedelta(days=40),
                }
            )
    return rows


def registrations(plan: Plan, meetings: list[dict], skip: set[tuple[int, int]]):
    """Up to 25 members per session (fewer than its capacity); attendance of past ones."""
    for meeting in meetings:
        members = plan.members_of[meeting["space_id"]]
        limit = min(len(members), 25, meeting["capacity"] or 25)
        past = meeting["ends_at"] <= plan.now
        for member in plan.rng.sample(members, plan.rng.randint(limit // 2, limit)):
            if (meeting["id"], member) in skip:
                continue
            yield {
                "meeting_id": meeting["id"],
                "user_id": member,
                "status": "confirmed",
                "created_at": meeting["created_at"] + timedelta(days=1),
                "attended": (member % 4 != 0) if past else None,
                "attendance_recorded_at": meeting["ends_at"] if past else None,
            }


def threads_and_posts(plan: Plan) -> tuple[list[dict], Callable[[], Iterable[dict]]]:
    """Threads of every space's forum (a few long ones) and a generator of their posts."""
    sizes = plan.sizes
    thread_count = sizes.spaces * min(THREADS_PER_SPACE, max(1, sizes.posts // sizes.spaces // 3))
    # Long threads and short ones: weights from 1 to 5, scaled to the number of posts.
    weights = [1 + t % 5 for t in range(thread_count)]
    lengths = [max(1, sizes.posts * w // sum(weights)) for w in weights]
    lengths[0] += sizes.posts - sum(lengths)
    threads, first_post = [], plan.now - timedelta(days=120)
    for t, length in enumerate(lengths, start=1):
        space = 1 + (t - 1) % sizes.spaces
        threads.append(
            {
                "id": t,
                "space_id": space,
                "title": f"Échanges sur {WORDS[t % len(WORDS)]} et {WORDS[(t * 5) % len(WORDS)]}",
                "author_id": plan.members_of[space][t % len(plan.members_of[space])],
                "created_at": first_post + timedelta(hours=t),
                "last_post_at": first_post + timedelta(hours=t + 2 * (length - 1)),
                "post_count": length,
                "is_pinned": t <= sizes.spaces and t % 4 == 0,
            }
        )

    def posts():
        for thread, length in zip(threads, lengths, strict=True):
            members = plan.members_of[thread["space_id"]]
            for k in range(length):
                body = paragraph(thread["id"] * 31 + k, 25 + k % 40)
                yield {
                    "thread_id": thread["id"],
                    "author_id": thread["author_id"] if k == 0 else members[(k * 7) % len(members)],
                    "body": body,
                    # What render_markdown makes of plain words: one escaped paragraph.
                    "body_html": f"<p>{body}</p>",
                    "created_at": thread["created_at"] + timedelta(hours=2 * k),
                }

    return threads, posts


def subscriptions(plan: Plan, threads: list[dict]):
    """Each member follows a thread of one of their spaces; facilitators their whole forum."""
    by_space: dict[int, list[int]] = {}
    for thread in threads:
        by_space.setdefault(thread["space_id"], []).append(thread["id"])
    for member, mine in plan.spaces_of.items():
        if member in plan.facilitators:
            yield {"user_id": member, "space_id": mine[0], "level": "follow"}
        elif mine[0] in by_space:
            options = by_space[mine[0]]
            thread = options[member % len(options)]
            yield {"user_id": member, "thread_id": thread, "level": "follow"}


def experiences(plan: Plan, theme_ids: list[int]):
    """Experiences (nine in ten published) and their fundamentals and themes, as three lists."""
    sizes, rows, fundamentals, themes = plan.sizes, [], [], []
    for e in range(1, sizes.experiences + 1):
        published = plan.now - timedelta(days=1 + e % 700)
        is_published = e % 10 != 0
        author = 1 + (e * 13) % sizes.members
        rows.append(
            {
                "id": e,
                "title": f"{WORDS[e % len(WORDS)].capitalize()} : ce que la commune {e} a appris",
                "organisation_id": 1 + (e * 7) % sizes.organisations,
                "author_id": author,
                "space_id": plan.spaces_of[author][0] if e % 3 == 0 else None,
                "territory": f"Commune {e}",
                "region": REGIONS[e % len(REGIONS)],
                "period": f"{2015 + e % 8}–{2020 + e % 6}",
                "start_year": 2015 + e % 8,
                "end_year": 2020 + e % 6,
                **{part: paragraph(e * 11 + i, 40) for i, part in enumerate(WRITE_UP)},
                "budget": f"{10 + e % 90} k€",
                "contact_name": f"Membre {author}",
                "status": "published" if is_published else "draft",
                "visibility": "public" if e % 4 == 0 else "allies",
                "published_at": published if is_published else None,
                "helpful_count": e % 9,
                "created_at": published - timedelta(days=10),
                "updated_at": published,
            }
        )
        for key in plan.rng.sample(FUNDAMENTALS, 1 + e % 3):
            fundamentals.append({"experience_id": e, "key": key})
        for theme in plan.rng.sample(theme_ids, min(len(theme_ids), 1 + e % 3)):
            themes.append({"experience_id": e, "theme_id": theme})
    return rows, fundamentals, themes


def materials(plan: Plan, meetings: list[dict], theme_keys: list[str], store: Callable):
    """Four in five are small files written to the storage, the rest links.

    Visibility: mostly their space's members; some for all allies or the public, a
    tenth of those alliance-wide (no space: the /resources library).
    """
    sizes = plan.sizes
    for n in range(1, sizes.materials + 1):
        meeting = meetings[(n * 7) % len(meetings)]
        space = meeting["space_id"]
        visibility = ("space", "space", "space", "allies", "public")[n % 5]
        alliance_wide = visibility != "space" and n % 10 < 2
        row = {
            "id": n,
            "space_id": None if alliance_wide else space,
            "meeting_id": meeting["id"] if n % 4 == 0 and not alliance_wide else None,
            "title": f"{WORDS[n % len(WORDS)].capitalize()} — support {n}",
            "description": paragraph(n * 3, 15),
            "visibility": visibility,
            "theme": theme_keys[n % len(theme_keys)] if n % 3 else None,
            "posted_by_id": plan.members_of[space][0],
            "created_at": meeting["starts_at"] - timedelta(days=1),
            "updated_at": meeting["starts_at"] - timedelta(days=1),
        }
        if n % 5 == 4:
            row.update(kind="link", url=f"https://docs.example.org/{n}", family="link")
        else:
            name, content_type, family = FILE_KINDS[n % len(FILE_KINDS)]
            data = (paragraph(n, 60) + "\n").encode()
            row.update(
                kind="file",
                stored_name=store(data),
                display_name=name.format(n=n),
                content_type=content_type,
                size=len(data),
                family=family,
            )
        yield row


# --- the whole run ---------------------------------------------------------------------------


def manifest(plan: Plan, meetings: list[dict], threads: list[dict]) -> dict:
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
                "email": member_email(member),
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
        "regions": sorted(set(REGIONS)),
        "fundamentals": list(FUNDAMENTALS),
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
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
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
    sizes = Sizes.at(scale)
    with app.test_request_context():
        session = db.session
        create_schema(db.engine)
        if session.scalar(select(func.count(User.id))):
            raise SystemExit("The database already holds members: generate into an empty one.")
        plan = make_plan(sizes, utcnow())
        write = Writer(session, progress)
        write.insert("organisations", Organisation, organisations(plan), sizes.organisations)
        write.insert("members", User, users(plan, generate_password_hash(PASSWORD)), sizes.members)
        version = charter.current_version().number
        write.insert("signatures", Signature, signatures(plan, version), sizes.organisations)
        write.insert("spaces", Space, spaces(plan), sizes.spaces)
        write.insert("memberships", Membership, memberships(plan), sizes.members * 3)
        meetings = sessions(plan)
        write.insert("sessions", Meeting, meetings, len(meetings))
        threads, posts = threads_and_posts(plan)
        bench = manifest(plan, meetings, threads)
        skip = {(m["meeting"], m["id"]) for m in bench["members"]}
        expected = len(meetings) * 19  # about (25 // 2 + 25) / 2 per session
        write.insert("registrations", Registration, registrations(plan, meetings, skip), expected)
        write.insert("threads", Thread, threads, len(threads))
        write.insert("posts", Post, posts(), sizes.posts)
        write.insert("subscriptions", Subscription, subscriptions(plan, threads), sizes.members)
        seed_themes()
        session.commit()
        themes = session.scalars(select(Theme).order_by(Theme.position)).all()
        rows, fundamentals, tags = experiences(plan, [t.id for t in themes])
        write.insert("experiences", Experience, rows, len(rows))
        write.insert("fundamentals", ExperienceFundamental, fundamentals, len(fundamentals))
        write.insert("experience tags", experience_themes, tags, len(tags))
        backend = storage.current_storage()

        def store(data: bytes) -> str:
            return storage.split_key(backend.save(UPLOAD_DOMAIN, BytesIO(data)))[1]

        keys = [t.key for t in themes]
        rows = materials(plan, meetings, keys, store)
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
    print(f"Generating at scale {args.scale}: {asdict(Sizes.at(args.scale))}", file=sys.stderr)
    bench = generate(app, args.scale)
    if args.manifest:
        Path(args.manifest).write_text(json.dumps(bench, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
