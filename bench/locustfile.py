"""Simulated members for the load benchmark, run by bench/load.py (`locust --headless`).

`MemberUser` signs in through the login form as a different generated member each
(bench/generate.py writes them to the manifest named by BENCH_MANIFEST), waits until
every simulated member is signed in, resets the statistics (so the logins' deliberate
scrypt cost is not counted), then browses without pause. BENCH_PAGE picks what it
does: "mix" (the realistic mix below) or one page key of PAGES, alone, to measure that
page's throughput. `HealthzUser` asks /healthz only: the framework's ceiling.

Requests are named by page ("/threads/[id]"), so the statistics group them per page.
"""

from __future__ import annotations

import json
import os
import random
import re
from itertools import count
from pathlib import Path

import gevent.event
from locust import FastHttpUser, between, constant, events, task

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _manifest() -> dict:
    """The generated members (bench/generate.py), from the file BENCH_MANIFEST names."""
    path = os.environ.get("BENCH_MANIFEST")
    return json.loads(Path(path).read_text()) if path else {}


MANIFEST = _manifest()
PAGE = os.environ.get("BENCH_PAGE", "mix")
#: Page key -> weight in the mix (the last: a session page, a registration, an unregistration).
MIX = {
    "home": 3,
    "space": 3,
    "agenda": 2,
    "thread": 3,
    "experiences": 2,
    "search": 2,
    "allies": 2,
    "session_and_registration": 1,
}
_next_member = count()
_signed_in = gevent.event.Event()
_signed_count = count(1)


@events.quitting.add_listener
def _write_stats(environment, **_kwargs):
    """Write the statistics by request name to BENCH_STATS (JSON) for bench/load.py."""
    path = os.environ.get("BENCH_STATS")
    if not path:
        return
    stats = environment.stats
    entries = [*stats.entries.values(), stats.total]
    found = {
        ("Aggregated" if entry is stats.total else entry.name): {
            "requests": entry.num_requests,
            "errors": entry.num_failures,
            "requests_per_s": round(entry.total_rps, 1) if entry.num_requests else None,
            **{
                f"p{q}_ms": entry.get_response_time_percentile(q / 100)
                if entry.num_requests
                else None
                for q in (50, 95, 99)
            },
        }
        for entry in entries
    }
    for error in stats.errors.values():
        found.setdefault(error.name, {"requests": 0, "errors": 0}).setdefault(
            "failures", []
        ).append(f"{error.occurrences}x {error.error}")
    Path(path).write_text(json.dumps(found, indent=2))


def _think_time():
    """BENCH_THINK="1,3": a pause of 1 to 3 s between pages, as a person reads; else none."""
    bounds = os.environ.get("BENCH_THINK")
    if not bounds:
        return constant(0)
    low, high = (float(v) for v in bounds.split(","))
    return between(low, high)


class MemberUser(FastHttpUser):
    """A signed-in member (each simulated user a different one)."""

    wait_time = _think_time()

    def on_start(self) -> None:
        members = MANIFEST["members"]
        self.member = members[next(_next_member) % len(members)]
        self.rng = random.Random(self.member["id"])
        self.token = None
        try:
            self.sign_in()
        finally:
            # Everyone signed in: forget the logins' times, measure the pages from here.
            if next(_signed_count) >= self.environment.parsed_options.num_users:
                self.environment.runner.stats.reset_all()
                _signed_in.set()
        _signed_in.wait()
        self.pages = {
            "home": self.home,
            "space": self.space,
            "agenda": self.agenda,
            "thread": self.thread,
            "experiences": self.experiences,
            "search": self.search,
            "allies": self.allies,
            "meeting": self.meeting,
            "registration": self.registration,
            "session_and_registration": self.session_and_registration,
        }
        self.keys, self.weights = list(MIX), list(MIX.values())

    def sign_in(self) -> None:
        """The login form, as a person fills it (its CSRF token first)."""
        page = self.client.get("/auth/login", name="login form")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/auth/login",
            data={
                "csrf_token": token,
                "email": self.member["email"],
                "password": MANIFEST["password"],
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused for {self.member['email']}")

    @task
    def browse(self) -> None:
        """One page of the mix, or the page under measurement."""
        if PAGE == "mix":
            key = self.rng.choices(self.keys, self.weights)[0]
        else:
            key = PAGE
        self.pages[key]()

    # --- the pages ------------------------------------------------------------------------

    def get(self, path: str, name: str):
        """GET a page; anything but 200 is a failure (a redirect to the login form too)."""
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{path}: status {response.status_code}")
            return response

    def home(self) -> None:
        self.get("/", "/")

    def space(self) -> None:
        self.get(f"/spaces/{self.member['space']}", "/spaces/[slug]")

    def agenda(self) -> None:
        self.get("/agenda", "/agenda")

    def thread(self) -> None:
        thread = self.rng.choice(self.member["threads"])
        self.get(f"/threads/{thread}", "/threads/[id]")

    def experiences(self) -> None:
        """The list with one filter (a fundamental, or a region), newest first."""
        if self.rng.random() < 0.5:
            query = f"fundamental={self.rng.choice(MANIFEST['fundamentals'])}"
        else:
            query = f"region={self.rng.choice(MANIFEST['regions'])}"
        self.get(f"/experiences?{query}", "/experiences?[filter]")

    def search(self) -> None:
        word = self.rng.choice(MANIFEST["search_words"])
        self.get(f"/search?q={word}", "/search?q=[word]")

    def allies(self) -> None:
        self.get("/allies", "/allies")

    def meeting(self) -> None:
        """The session page; its CSRF token serves the registration forms."""
        page = self.get(f"/meetings/{self.member['meeting']}", "/meetings/[id]")
        if match := CSRF.search(page.text or ""):
            self.token = match.group(1)

    def registration(self) -> None:
        """Register, then unregister (the token read from a page once)."""
        if self.token is None:
            self.meeting()
        for action in ("register", "unregister"):
            with self.client.post(
                f"/meetings/{self.member['meeting']}/{action}",
                data={"csrf_token": self.token or ""},
                name=f"POST /meetings/[id]/{action}",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 302:
                    response.failure(f"{action}: status {response.status_code}")

    def session_and_registration(self) -> None:
        """In the mix: the session page, then a registration and an unregistration."""
        self.meeting()
        self.registration()


class HealthzUser(FastHttpUser):
    """The ceiling: the portal's cheapest request (one `SELECT 1`)."""

    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="/healthz")
