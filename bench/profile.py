"""Profile one page in process with pyinstrument, on a generated database.

`python -m bench.profile --database-url URL --upload-root DIR --path /agenda` signs in
as the first generated member through the login form of the Flask test client, asks
for the page --requests times under pyinstrument, and prints where the time went
(with the number of SQL statements per request). bench/load.py calls `profile_page`
for every page that misses its targets.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from sqlalchemy import event

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
#: Request names of bench/locustfile.py -> how to build the path for a manifest member.
PATHS = {
    "/": lambda m, words: "/",
    "/spaces/[slug]": lambda m, words: f"/spaces/{m['space']}",
    "/agenda": lambda m, words: "/agenda",
    "/threads/[id]": lambda m, words: f"/threads/{m['threads'][0]}",
    "/experiences?[filter]": lambda m, words: "/experiences?fundamental=cooperation",
    "/search?q=[word]": lambda m, words: f"/search?q={words[0]}",
    "/allies": lambda m, words: "/allies",
    "/meetings/[id]": lambda m, words: f"/meetings/{m['meeting']}",
}


def signed_in_client(app, email: str, password: str):
    """A test client logged in through the real form (English pages)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    token = CSRF.search(client.get("/auth/login").get_data(as_text=True)).group(1)
    response = client.post(
        "/auth/login", data={"csrf_token": token, "email": email, "password": password}
    )
    if response.status_code != 302:
        raise RuntimeError(f"cannot sign in as {email}")
    return client


def profile(app, client, path: str, requests: int = 20) -> tuple[str, int]:
    """pyinstrument's text report of `requests` GETs of `path`, and the statements of one."""
    from pyinstrument import Profiler

    from portal.core.extensions import db

    client.get(path)  # warm templates and caches
    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    status = client.get(path).status_code
    event.remove(engine, "before_cursor_execute", count)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(requests):
        client.get(path)
    profiler.stop()
    each = profiler.last_session.duration * 1000 / requests
    header = (
        f"{path}: status {status}, {len(statements)} SQL statements and"
        f" {each:.1f} ms (profiled) per request\n"
    )
    return header + profiler.output_text(unicode=True, color=False), len(statements)


def profile_page(app, manifest: dict, page: str, directory: Path, database: str) -> Path | None:
    """Profile the request named `page` (bench/locustfile.py) into `directory`; its path."""
    if page not in PATHS:
        return None
    member = manifest["members"][0]
    client = signed_in_client(app, member["email"], manifest["password"])
    report, _count = profile(app, client, PATHS[page](member, manifest["search_words"]))
    directory.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-") or "home"
    path = directory / f"{database}-{slug}.txt"
    path.write_text(report)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: profile --path on --database-url as a generated member."""
    import json

    from bench.alliance_data import member_email
    from bench.generate import PASSWORD, bench_app

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--upload-root", default="instance/uploads")
    parser.add_argument("--path", required=True, help="e.g. /agenda")
    parser.add_argument("--member", type=int, default=1, help="generated member number")
    parser.add_argument("--manifest", help="the generator's manifest, to sign in as its first")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args(argv)
    app = bench_app(args.database_url, args.upload_root, RATELIMIT_ENABLED=False)
    email = member_email(args.member)
    if args.manifest:
        email = json.loads(Path(args.manifest).read_text())["members"][0]["email"]
    client = signed_in_client(app, email, PASSWORD)
    report, _count = profile(app, client, args.path, args.requests)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
