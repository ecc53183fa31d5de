"""Several machines (issue 6): two gunicorn instances over one PostgreSQL, one Redis and one
S3 bucket serve a login, a rate limit and an upload as if they were one.

Each instance has its own process, port, instance folder and upload folder; they share
only SECRET_KEY, the database (the suite's fresh PostgreSQL database, whose schema the
`app` fixture created), a Redis database for the rate limits (flushed) and a bucket of a
moto S3 server. Plain HTTP clients (requests) play the browsers: behind a load balancer
a browser keeps one cookie jar and lands on either machine, as here.
"""

from __future__ import annotations

import importlib.util
import itertools
import secrets
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import select

from portal.accounts import totp_cipher
from tests import factories
from tests.core.s3 import STORAGE_SETTINGS, Bucket, s3_backend, s3_server
from tests.databases import PG_URL
from tests.gunicorn_server import gunicorn
from tests.helpers import CSRF_PATTERN
from tests.services import free_port, missing, port_open, redis_database

pytestmark = pytest.mark.postgres_only

#: Failed logins per account that the machines allow together (RATELIMIT_LOGIN_ACCOUNT).
FAILED_LOGINS_ALLOWED = 3
#: Time allowed to any one request (scrypt makes logins slow on purpose).
TIMEOUT = 20
#: The rate-limit store both machines share, flushed before and after (tests.services).
MACHINES_REDIS = redis_database(13)


@dataclass
class Machines:
    """The two instances' base URLs, the shared bucket, and each one's upload folder."""

    a: str
    b: str
    bucket: Bucket
    upload_roots: list[Path]


def check_services() -> None:
    """Skip on SQLite; skip (locally) or fail (CI) without Redis or gunicorn."""
    # A module fixture starts before the autouse `_postgres_only` check: repeat it here.
    if not PG_URL:
        pytest.skip("PostgreSQL only: runs in the PostgreSQL pass (PORTAL_TEST_DATABASE_URL)")
    redis = urlsplit(MACHINES_REDIS)
    if not port_open(redis.hostname or "127.0.0.1", redis.port or 6379):
        missing("Redis", f"nothing answers at {MACHINES_REDIS}")
    if importlib.util.find_spec("gunicorn") is None:
        missing("gunicorn", "not installed in this environment")


def flush_redis() -> None:
    """Empty the suite's Redis database: no count left from another run."""
    import redis

    with redis.Redis.from_url(MACHINES_REDIS) as client:
        client.flushdb()


def shared_settings(app, database_url: str) -> dict[str, str]:
    """What every machine shares: the key, the database, the rate-limit store, the bucket."""
    return {
        "SECRET_KEY": secrets.token_hex(32),
        # The test writes two-factor secrets with the suite's app: the machines must open
        # them, as every machine of a deployment shares the pinned key.
        "TOTP_ENCRYPTION_KEYS": totp_cipher.derived_key(app.config["SECRET_KEY"]).decode(),
        "DATABASE_URL": database_url,
        "RATELIMIT_STORAGE_URI": MACHINES_REDIS,
        "RATELIMIT_LOGIN_ACCOUNT": f"{FAILED_LOGINS_ALLOWED} per minute",
        # Every client here is 127.0.0.1: the per-address limit stays out of the way.
        "RATELIMIT_AUTH": "1000 per minute",
        # s3_backend pointed the app at the test's bucket: the machines use the same one.
        **{name: str(app.config[name] or "") for name in STORAGE_SETTINGS},
        "GUNICORN_WORKERS": "1",
    }


def own_settings(folder: Path) -> dict[str, str]:
    """What each machine keeps to itself: its instance, upload and mail folders."""
    return {
        "PORTAL_INSTANCE_DIR": str(folder / "instance"),
        "UPLOAD_ROOT": str(folder / "uploads"),
        "MAIL_FILE_DIR": str(folder / "mail"),
    }


@pytest.fixture(scope="module")
def machines(app, database_url, tmp_path_factory):
    """Machines A and B, serving until the module's tests are done."""
    check_services()
    flush_redis()
    workdir = tmp_path_factory.mktemp("machines")
    with ExitStack() as stack:
        bucket = stack.enter_context(s3_backend(app, stack.enter_context(s3_server())))
        shared = shared_settings(app, database_url)
        hosts = []
        for name in ("a", "b"):
            settings = {**shared, **own_settings(workdir / name)}
            hosts.append(stack.enter_context(gunicorn(free_port(), settings, workdir, name)))
        yield Machines(*hosts, bucket, [workdir / name / "uploads" for name in ("a", "b")])
    flush_redis()


def browser():
    """A browser reading English pages: one cookie jar, whichever machine answers."""
    import requests

    session = requests.Session()
    session.headers["Accept-Language"] = "en"
    return session


def csrf_token(client, url: str) -> str:
    """The CSRF token of `client`'s session, read from the page at `url`."""
    page = client.get(url, timeout=TIMEOUT)
    match = CSRF_PATTERN.search(page.text)
    assert match, f"no CSRF token on {url} ({page.status_code})"
    return match.group(1)


def post_form(client, url: str, data: dict, **kwargs):
    """POST `data` with a CSRF token from the same page; redirects are not followed."""
    data = {"csrf_token": csrf_token(client, url), **data}
    return client.post(url, data=data, allow_redirects=False, timeout=TIMEOUT, **kwargs)


def sign_in(client, host: str, email: str, password: str = factories.PASSWORD):
    """The login form of `host`, filled in."""
    return post_form(client, f"{host}/auth/login", {"email": email, "password": password})


def test_a_login_on_one_machine_holds_on_the_other_until_logged_out_there(machines):
    member = factories.user(display_name=f"Ada Machines {factories.next_number()}")
    client = browser()
    assert sign_in(client, machines.a, member.email).status_code == 302

    account = client.get(f"{machines.b}/account/", allow_redirects=False, timeout=TIMEOUT)
    assert account.status_code == 200
    assert member.display_name in account.text

    cookie = client.cookies["session"]
    logout = post_form(client, f"{machines.b}/auth/logout", {})
    assert logout.status_code == 302
    # The cookie from before the logout, replayed on A: its login record has ended.
    replayed = browser().get(
        f"{machines.a}/account/",
        cookies={"session": cookie},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert replayed.status_code == 302
    assert urlsplit(replayed.headers["Location"]).path == "/auth/login"


def test_failed_logins_are_counted_once_for_both_machines(machines):
    member = factories.user()
    client = browser()
    hosts = itertools.cycle((machines.a, machines.b))
    codes = [
        sign_in(client, next(hosts), member.email, "not the password").status_code
        for _ in range(FAILED_LOGINS_ALLOWED + 2)
    ]
    # A then B then A…: the refusal comes on B, which had itself seen a single failure,
    # and A refuses as well. A count per machine would have let every attempt through.
    assert codes == [200] * FAILED_LOGINS_ALLOWED + [429, 429]


def test_a_file_uploaded_on_one_machine_downloads_from_the_other_out_of_the_bucket(app, machines):
    from portal.core.extensions import db
    from portal.materials.models import Material

    space = factories.space()
    facilitator = factories.user()
    factories.membership(space, facilitator, role="facilitator")
    factories.two_factor(facilitator)
    client = browser()
    # The password on A, the two-factor code on B: the pending login travels in the cookie.
    password_step = sign_in(client, machines.a, facilitator.email)
    assert urlsplit(password_step.headers["Location"]).path == "/auth/two-factor"
    code = {"code": factories.totp_code()}
    assert post_form(client, f"{machines.b}/auth/two-factor", code).status_code == 302

    content = f"# Notes\n\nTaken on machine A: {secrets.token_hex(8)}.\n".encode()
    fields = {"title": "Notes from A", "meeting": "0", "theme": "", "visibility": "space"}
    posted = post_form(
        client,
        f"{machines.a}/spaces/{space.slug}/materials/new",
        fields,
        files={"file": ("notes.md", content, "text/markdown")},
    )
    assert posted.status_code == 302, posted.text
    material_url = urljoin(machines.b, urlsplit(posted.headers["Location"]).path)
    download = client.get(f"{material_url}/download", timeout=TIMEOUT)
    assert download.status_code == 200
    assert download.content == content

    with app.app_context():
        material = db.session.scalar(select(Material).where(Material.title == "Notes from A"))
    assert machines.bucket.stored_names("materials") == {material.stored_name}
    assert machines.bucket.read(f"materials/{material.stored_name}") == content
    assert not [p for root in machines.upload_roots for p in root.rglob("*") if p.is_file()]
