"""Directory and home page throughput with 1,000 allies, on SQLite and (if reachable) PostgreSQL.

Prints median and 95th-percentile times per page, queries per page and the peak
Python memory of a CSV export, compares them with the targets below, and exits
non-zero when a target is missed. Results are also written to bench/results/.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import event, insert

from portal import create_app
from portal.alliance.models import Organisation, Signature
from portal.core.db import utcnow
from portal.core.extensions import db
from tests.databases import create_pg_database, drop_pg_database
from tests.services import port_open

ALLIES = 1_000
REQUESTS = 60
#: path -> (p95 milliseconds, queries per request) targets, on this 2-core machine.
TARGETS = {
    "/": (60, 4),
    "/allies": (80, 5),
    "/allies?kind=association&region=bretagne": (80, 5),
    "/allies?q=territoire": (80, 5),
    "/allies/territoire-500": (60, 6),
}
CSV_PEAK_MB = 20
KINDS = ["collectivite", "association", "entreprise", "reseau", "universite"]
REGIONS = ["bretagne", "normandie", "hauts-de-france", "occitanie", "grand-est"]


def seed(app) -> None:
    """1,000 validated allies, inserted in bulk."""
    now = utcnow()
    with app.app_context():
        db.create_all()
        db.session.execute(
            insert(Organisation),
            [
                {
                    "name": f"Territoire {n}",
                    "slug": f"territoire-{n}",
                    "kind": KINDS[n % len(KINDS)],
                    "region": REGIONS[n % len(REGIONS)],
                    "territory": f"Commune {n}",
                    "website": "",
                    "description": "Un territoire en transition.",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(ALLIES)
            ],
        )
        db.session.execute(
            insert(Signature),
            [
                {
                    "charter_version": 1,
                    "signatory_key": f"organisation:{n + 1}",
                    "organisation_id": n + 1,
                    "status": "validated",
                    "represents_organisation": True,
                    "signed_at": now,
                    "source": "import",
                }
                for n in range(ALLIES)
            ],
        )
        db.session.commit()


def measure(app, path: str) -> dict:
    """Time REQUESTS GETs of `path` and count the queries of one."""
    client = app.test_client()
    client.get(path)  # warm caches and templates
    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    status = client.get(path).status_code
    event.remove(engine, "before_cursor_execute", count)
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "status": status,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "queries": len(statements),
    }


def csv_peak_mb(app) -> float:
    """Peak Python memory while exporting the whole directory as CSV."""
    client = app.test_client()
    tracemalloc.start()
    response = client.get("/allies.csv")
    assert response.status_code == 200
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 1e6, 2)


def run(database: str, url: str) -> tuple[dict, list[str]]:
    """Seed a database, measure every page, return the results and the missed targets."""
    app = create_app(
        "testing", overrides={"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False}
    )
    seed(app)
    results, missed = {}, []
    for path, (p95_target, query_target) in TARGETS.items():
        result = measure(app, path)
        results[path] = result
        if result["status"] != 200:
            missed.append(f"{database} {path}: status {result['status']}")
        if result["p95_ms"] > p95_target:
            missed.append(f"{database} {path}: p95 {result['p95_ms']} ms > {p95_target} ms")
        if result["queries"] > query_target:
            missed.append(f"{database} {path}: {result['queries']} queries > {query_target}")
        print(
            f"{database:10} {path:45} median {result['median_ms']:6} ms  "
            f"p95 {result['p95_ms']:6} ms  {result['queries']} queries"
        )
    peak = csv_peak_mb(app)
    results["/allies.csv peak MB"] = peak
    print(f"{database:10} {'/allies.csv peak memory':45} {peak} MB")
    if peak > CSV_PEAK_MB:
        missed.append(f"{database} CSV export peak {peak} MB > {CSV_PEAK_MB} MB")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return results, missed


def main() -> int:
    """Run on SQLite, then PostgreSQL when reachable; report and compare with targets."""
    all_results, all_missed = {}, []
    with tempfile.TemporaryDirectory() as directory:
        results, missed = run("sqlite", f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
        all_results["sqlite"], all_missed = results, all_missed + missed
    pg = os.environ.get(
        "PORTAL_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1/postgres"
    )
    if port_open("127.0.0.1", 5432):
        url = create_pg_database(pg)
        try:
            results, missed = run("postgresql", url)
            all_results["postgresql"], all_missed = results, all_missed + missed
        finally:
            drop_pg_database(url)
    else:
        print("postgresql skipped: nothing listens on 127.0.0.1:5432")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "directory.json").write_text(json.dumps(all_results, indent=2))
    if all_missed:
        print("\nMissed targets:\n  " + "\n  ".join(all_missed))
        return 1
    print("\nAll targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
