"""`make bench-email`: Monday's digests for thousands of members, built and delivered.

For each size (2,000 and 10,000 members by default) and database (a throwaway SQLite
file; PostgreSQL too with --database-url), a child process seeds a week of activity
(bench/email_data.py), runs `schedule_digests` at 07:00 on a Monday (every weekly
digest is due), then delivers the outbox with the worker's own loop to an aiosmtpd
sink on loopback (in a process of its own, counting what it receives). In the same
run it measures the ceiling: plain smtplib sending the same messages, pre-built from
the outbox rows, over one connection to the same sink.

Reported: digests built per second, messages delivered per second, the ceiling and the
ratio (target >= 50 %), and peak memory (ru_maxrss of the whole run; tracemalloc's peak
over a second pass, the next Monday's digests, traced apart because tracemalloc slows
Python code several-fold), which must not grow with the number of members. Written to
bench/results/email.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import smtplib
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

RESULTS = Path(__file__).parent / "results" / "email.json"
RATIO_TARGET = 0.5
#: Peak memory at the largest size may exceed the smallest's by this factor at most.
MEMORY_GROWTH_MAX = 1.5
#: Messages pre-built at once for the smtplib ceiling (keeps its memory flat too).
CEILING_CHUNK = 500


class CountingSink:
    """An aiosmtpd handler that accepts and counts messages, keeping nothing."""

    def __init__(self, counter):
        self.counter = counter

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        with self.counter.get_lock():
            self.counter.value += 1
        return "250 OK"


def run_sink(port, counter, ready, stop) -> None:
    """The sink process: an aiosmtpd server on loopback until `stop` is set."""
    from aiosmtpd.controller import Controller

    controller = Controller(CountingSink(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class Sink:
    """Start and stop the sink process; `received` is its count."""

    def __init__(self):
        from tests.services import free_port

        context = multiprocessing.get_context("spawn")
        self.port = free_port()
        self.counter = context.Value("i", 0)
        self.ready, self.stop = context.Event(), context.Event()
        self.process = context.Process(
            target=run_sink, args=(self.port, self.counter, self.ready, self.stop), daemon=True
        )

    @property
    def received(self) -> int:
        return self.counter.value

    def __enter__(self):
        self.process.start()
        if not self.ready.wait(60):
            raise RuntimeError("the SMTP sink did not start")
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.process.join(30)


def monday_seven() -> datetime:
    """07:00 in Paris on the latest Monday (UTC): when weekly digests go out."""
    from portal.digests.timing import at_local

    today = datetime.now(UTC).date()
    return at_local(today - timedelta(days=today.weekday()), "Europe/Paris")


def ceiling_rate(app, port: int) -> tuple[int, float]:
    """Send the sent outbox rows again with plain smtplib over one connection.

    Messages are pre-built from the rows, a chunk at a time, outside the clock: only
    the SMTP conversation is timed, the fastest any delivery path could go.
    """
    from sqlalchemy.orm import undefer

    from portal.core.extensions import db
    from portal.notifications.delivery import wire_bytes
    from portal.notifications.models import OutboxEmail, OutboxStatus

    sent, elapsed, after_id = 0, 0.0, 0
    sender = app.config["MAIL_DEFAULT_SENDER"]
    with app.app_context(), smtplib.SMTP("127.0.0.1", port) as smtp:
        while True:
            rows = db.session.scalars(
                select(OutboxEmail)
                .where(OutboxEmail.status == OutboxStatus.SENT.value, OutboxEmail.id > after_id)
                .order_by(OutboxEmail.id)
                .limit(CEILING_CHUNK)
                .options(undefer(OutboxEmail.raw_message))
            ).all()
            if not rows:
                break
            after_id = rows[-1].id
            built = [(row.recipient, wire_bytes(row)) for row in rows]
            db.session.expunge_all()
            start = time.perf_counter()
            for recipient, data in built:
                smtp.sendmail(sender, [recipient], data)
            elapsed += time.perf_counter() - start
            sent += len(built)
    return sent, sent / elapsed if elapsed else 0.0


def wait_for(sink: Sink, count: int) -> None:
    """Until the sink has received `count` messages (they are in flight at most briefly)."""
    deadline = time.monotonic() + 60
    while sink.received < count and time.monotonic() < deadline:
        time.sleep(0.05)


def digest_pass(app, sink: Sink, now: datetime) -> dict:
    """Build the digests due at `now`, deliver them all; counts and rates."""
    from portal.digests import schedule_digests
    from portal.notifications import worker

    start = time.perf_counter()
    with worker.app_session(app):
        written = schedule_digests(now)
    built_in = time.perf_counter() - start
    before = sink.received
    start = time.perf_counter()
    report = worker.deliver(app, max_batches=10**9)
    delivered_in = time.perf_counter() - start
    wait_for(sink, before + report.sent)
    return {
        "digests_written": written,
        "digests_per_s": round(written / built_in, 1) if built_in else 0.0,
        "delivery": worker.describe_delivery(report),
        "received_by_sink": sink.received - before,
        "delivered_per_s": round(report.sent / delivered_in, 1) if delivered_in else 0.0,
    }


def run_single(members: int, url: str, trace: bool) -> dict:
    """Seed, then Monday's digests untraced (the rates, then the smtplib ceiling), then the
    next Monday's under tracemalloc (the memory): tracemalloc slows Python code several
    times over, and would make the delivery path look slower than it is next to smtplib."""
    from bench.email_data import seed
    from portal import create_app
    from portal.accounts.passwords import hash_password
    from portal.core.extensions import db

    now = monday_seven()
    with Sink() as sink:
        app = create_app(
            "testing",
            overrides={
                "SQLALCHEMY_DATABASE_URI": url,
                "MAIL_SERVER": "127.0.0.1",
                "MAIL_PORT": sink.port,
                "PORTAL_BASE_URL": "https://maillage.example.org",
                "RATELIMIT_ENABLED": False,
            },
        )
        with app.app_context():
            db.create_all()
            seeded = seed(members, now, hash_password("bench-password-1"))
            db.session.remove()
        result = {"members": members, "seeded": seeded, **digest_pass(app, sink, now)}
        ceiling_sent, ceiling = ceiling_rate(app, sink.port)
        if trace:
            tracemalloc.start()
            traced = digest_pass(app, sink, now + timedelta(days=7))
            result["traced_pass"] = traced
            result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
            tracemalloc.stop()
        with app.app_context():
            db.engine.dispose()
    delivered = result["delivered_per_s"]
    return {
        **result,
        "smtplib_ceiling_per_s": round(ceiling, 1),
        "ceiling_messages": ceiling_sent,
        "ratio": round(delivered / ceiling, 3) if ceiling else 0.0,
        "tracemalloc_peak_mb": result.get("tracemalloc_peak_mb"),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_child(members: int, url: str, trace: bool) -> dict:
    """One size in a fresh process, so that ru_maxrss is that run's own."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, "-m", "bench.email", "--single", str(members), "--url", url]
        command += ["--out", out.name] + ([] if trace else ["--no-tracemalloc"])
        subprocess.run(command, check=True, cwd=Path(__file__).parent.parent)  # noqa: S603
        return json.loads(Path(out.name).read_text())


@contextmanager
def throwaway_database(kind: str, directory: Path, pg_url: str | None, members: int):
    """An empty database of `kind` ("sqlite" or "postgresql") for one run, dropped after."""
    from tests.databases import create_pg_database, drop_pg_database

    if kind == "sqlite":
        yield f"sqlite:///{directory / f'bench-email-{members}.sqlite3'}"
        return
    url = create_pg_database(pg_url)
    try:
        yield url
    finally:
        drop_pg_database(url)


def print_table(results: list[dict]) -> None:
    """One line per run."""
    header = (
        f"{'database':10} {'members':>7} {'digests':>7} {'built/s':>8} {'sent/s':>8} "
        f"{'smtplib/s':>9} {'ratio':>6} {'tracemalloc MB':>14} {'maxrss MB':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        peak = "-" if r["tracemalloc_peak_mb"] is None else r["tracemalloc_peak_mb"]
        print(
            f"{r['database']:10} {r['members']:>7} {r['digests_written']:>7} "
            f"{r['digests_per_s']:>8} {r['delivered_per_s']:>8} {r['smtplib_ceiling_per_s']:>9} "
            f"{r['ratio']:>6.0%} {peak:>14} {r['maxrss_mb']:>9}"
        )


def missed_targets(results: list[dict]) -> list[str]:
    """Ratio below target, messages lost, or memory growing with the number of members."""
    missed = []
    for r in results:
        where = f"{r['database']} {r['members']} members"
        if r["ratio"] < RATIO_TARGET:
            missed.append(f"{where}: delivery at {r['ratio']:.0%} of the smtplib ceiling")
        for run in (r, r.get("traced_pass") or r):
            if run["received_by_sink"] != run["digests_written"]:
                missed.append(
                    f"{where}: {run['received_by_sink']} of {run['digests_written']} received"
                )
    for database in {r["database"] for r in results}:
        runs = sorted((r for r in results if r["database"] == database), key=lambda r: r["members"])
        key = "tracemalloc_peak_mb" if runs[0]["tracemalloc_peak_mb"] else "maxrss_mb"
        if len(runs) > 1 and runs[-1][key] > runs[0][key] * MEMORY_GROWTH_MAX:
            missed.append(
                f"{database}: peak memory grows with members ({runs[0][key]} -> {runs[-1][key]} MB)"
            )
    return missed


def save(results: list[dict]) -> None:
    """Write the runs to RESULTS, keeping the other databases' runs of an earlier call."""
    measured = {r["database"] for r in results}
    kept = []
    if RESULTS.exists():
        kept = [r for r in json.loads(RESULTS.read_text()) if r.get("database") not in measured]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(kept + results, indent=2, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    """Run every size on every database, print the table, write the JSON, check targets."""
    summary = __doc__.split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m bench.email", description=summary)
    parser.add_argument("--members", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--database-url", help="a PostgreSQL server to measure as well")
    parser.add_argument(
        "--only", choices=["sqlite", "postgresql"], help="measure one database (runs in parallel)"
    )
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the traced pass")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    trace = not args.no_tracemalloc
    if args.single:
        Path(args.out).write_text(json.dumps(run_single(args.single, args.url, trace)))
        return 0

    kinds = [args.only] if args.only else ["sqlite"] + (["postgresql"] if args.database_url else [])
    if "postgresql" in kinds and not args.database_url:
        parser.error("--database-url is needed for PostgreSQL")
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for kind in kinds:
            for members in args.members:
                print(f"{kind}: {members} members…", flush=True)
                with throwaway_database(kind, Path(directory), args.database_url, members) as url:
                    results.append({"database": kind, **run_child(members, url, trace)})
                print_table(results[-1:])  # as it comes: a 10,000-member run takes minutes
    print()
    print_table(results)
    save(results)
    missed = missed_targets(results)
    if missed:
        print("\nMissed targets:\n  " + "\n  ".join(missed))
        return 1
    print(f"\nAll targets met (delivery >= {RATIO_TARGET:.0%} of the ceiling, flat memory).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
