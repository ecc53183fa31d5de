"""Which real services the suite can reach, and what to do when one is missing.

Without PORTAL_REQUIRE_SERVICES, a missing PostgreSQL, Redis or Chromium skips
the tests that need it (and says so); with it (CI), the absence is a failure.
"""

import os
import shutil
import socket

import pytest

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_database(number: int) -> str:
    """REDIS_URL on database `number`: each test module that flushes or fills Redis
    keeps to its own database, so none empties another's (15: rate limits,
    14: Celery, 13: the several-machines test)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(REDIS_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{number}", "", ""))


def services_required() -> bool:
    """CI sets PORTAL_REQUIRE_SERVICES=1: nothing may be skipped for lack of a service."""
    return os.environ.get("PORTAL_REQUIRE_SERVICES") == "1"


def missing(service: str, why: str):
    """Skip (locally) or fail (CI) a test whose service is not there."""
    message = f"{service} unavailable: {why}"
    if services_required():
        pytest.fail(f"{message} (PORTAL_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def port_open(host: str, port: int) -> bool:
    """Whether something listens on host:port."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def chromium_path() -> str | None:
    """The Chromium binary, if installed."""
    return CHROMIUM if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM) else None


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def weasyprint_problem() -> str | None:
    """Why WeasyPrint cannot render here (not installed, or Pango missing), or None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        return f"{type(error).__name__}: {error}"
    return None
