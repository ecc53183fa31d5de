"""Browser helpers: axe-core scans, and the guard that every loaded page gets one."""

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
