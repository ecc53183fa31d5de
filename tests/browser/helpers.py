"""Browser helpers: axe-core scans, the guard that every loaded page gets one, and logging
in through the form (with the two-factor code step when the account has one)."""

from __future__ import annotations


class ScanGuard:
    """Remembers each document the page loaded until axe-core has scanned it."""

    def __init__(self, page):
        self.pending: str | None = None
        self.unscanned: list[str] = []
        # "load" fires once per new document (not for #fragment moves), in order,
        # before the navigation that caused it returns to the test.
        page.on("load", self._loaded)

    def _loaded(self, page) -> None:
        if self.pending is not None:
            self.unscanned.append(self.pending)
        self.pending = page.url

    def scanned(self) -> None:
        """The current document has been scanned."""
        self.pending = None

    def missed(self) -> list[str]:
        """Documents loaded and left without a scan."""
        return self.unscanned + ([self.pending] if self.pending else [])


def format_violations(url: str, violations: list[dict]) -> str:
    """axe-core violations as a readable list: rule, impact, help, and each element."""
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


_axe = None


def assert_accessible(page) -> None:
    """Run axe-core on the current page and fail with a readable list of any violation."""
    global _axe
    from axe_playwright_python.sync_playwright import Axe

    _axe = _axe or Axe()
    page.wait_for_load_state("load")
    # axe-core is injected with page.evaluate, which the page's CSP does not restrict.
    results = _axe.run(page)
    guard = getattr(page, "scan_guard", None)
    if guard is not None:
        guard.scanned()
    violations = results.response["violations"]
    assert not violations, format_violations(page.url, violations)


def go(page, path: str, status: int = 200):
    """Go to `path` on `page`, check the HTTP status, scan with axe-core; returns the response."""
    response = page.goto(path)
    assert response is not None, f"{path}: no response"
    assert response.status == status, f"{path}: HTTP {response.status}"
    assert_accessible(page)
    return response


def follow(page, locator) -> None:
    """Click `locator` (a link or a submit button), wait for the new page, and scan it."""
    with page.expect_navigation():
        locator.click()
    assert_accessible(page)


def _prepare_two_factor(email: str) -> str | None:
    """The test secret of `email`'s account if logging in will ask for a code, else None.

    Administrators and facilitators must use two-factor login: one not enrolled yet is
    enrolled here with the test secret (as seed-demo does for the demo accounts), so
    the journeys of other domains log them in as a real browser would, code included.
    The replay guard is cleared: a test may log the same person in twice within one
    30-second step, which a real person cannot.
    """
    from portal.accounts import twofactor
    from portal.core.extensions import db
    from tests import factories

    with factories.APP.app_context():
        user = db.session.scalar(select_user(email))
        if user is None:
            return None
        if not user.has_two_factor and twofactor.is_required(user):
            factories.two_factor(user)
            db.session.refresh(user)
        if not user.has_two_factor:
            return None
        user.totp_last_step = None
        db.session.commit()
        return twofactor.stored_secret(user)


def select_user(email: str):
    """The query of the account of `email`."""
    from sqlalchemy import select

    from portal.accounts.models import User

    return select(User).where(User.email == email.lower())


def log_in(page, person, password: str | None = None) -> None:
    """Log `person` (a user or an address) in through the form, answering the code step
    when the account has two-factor login; scans each page with axe-core."""
    import pyotp

    from tests import factories

    email = person if isinstance(person, str) else person.email
    secret = _prepare_two_factor(email)
    go(page, "/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password or factories.PASSWORD)
    follow(page, page.locator("main form button[type=submit]"))
    if secret is not None:
        assert "/auth/two-factor" in page.url, page.url
        page.locator("#code").fill(pyotp.TOTP(secret).now())
        follow(page, page.locator("main form button[type=submit]"))
    assert "/auth/login" not in page.url and "/auth/two-factor" not in page.url, page.url
