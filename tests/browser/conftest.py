"""Browser tests: the app on a live server, headless Chromium through Playwright,
and an axe-core scan of every page a test visits.

Every test here is marked `browser`. Chromium missing skips them locally and
fails them in CI (PORTAL_REQUIRE_SERVICES=1). The live server runs in a thread
of this process on the session's `app`, so it shares the test database; tests
must not hold an app context while the browser makes requests.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.helpers import ScanGuard, go
from tests.services import CHROMIUM, chromium_path, free_port, missing

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    """Mark every test of tests/browser/ `browser` (so `-m "not browser"` skips them)."""
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures know whether the test passed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def live_server(app):
    """The app served over HTTP on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    executable = chromium_path()
    if executable is None:
        missing("Chromium", f"no browser at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser, live_server, request):
    """Open a page in a fresh browser context (another person, another browser).

    French by default, like most visitors. When the test passes, every document a
    page loaded must have been scanned by `assert_accessible` (directly or through
    `visit`), or the test errors.
    """
    contexts = []

    def _open(locale: str = "fr-FR"):
        context = browser.new_context(base_url=live_server, locale=locale)
        context.set_default_timeout(10_000)
        new_page = context.new_page()
        new_page.scan_guard = ScanGuard(new_page)
        contexts.append((context, new_page))
        return new_page

    yield _open
    missed = [url for _context, opened in contexts for url in opened.scan_guard.missed()]
    for context, _page in contexts:
        context.close()
    call = getattr(request.node, "report_call", None)
    if call is not None and call.passed and missed:
        pytest.fail(f"pages visited without an axe-core scan: {missed}", pytrace=False)


@pytest.fixture
def page(open_page):
    """The visitor's page (a fresh French browser context)."""
    return open_page()


@pytest.fixture
def visit(page):
    """`go` on the visitor's page: `visit("/charter")`."""

    def _visit(path: str, status: int = 200):
        return go(page, path, status)

    return _visit


@pytest.fixture
def mail_link(smtp_server, deliver):
    """Deliver the outbox to the test SMTP server and return the path of the first link
    to `prefix` found in the last message sent to `address`."""
    import re
    from urllib.parse import urlsplit

    def _link(address: str, prefix: str) -> str:
        deliver()
        received = [m for m in smtp_server.messages() if address in m["To"]]
        assert received, f"no email for {address}"
        text = received[-1].get_body(preferencelist=("plain",)).get_content()
        for url in re.findall(r"https?://\S+", text):
            path = urlsplit(url)
            if path.path.startswith(prefix):
                return path.path + (f"?{path.query}" if path.query else "")
        raise AssertionError(f"no link to {prefix} in: {text}")

    return _link
