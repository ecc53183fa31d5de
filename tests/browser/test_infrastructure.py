"""The browser harness itself: axe-core really reports problems, and unscanned pages are caught."""

import pytest

from tests.browser.helpers import assert_accessible


def test_axe_reports_violations_readably(page):
    page.set_content('<html><body><main><img src="data:,"><a href="#"></a></main></body></html>')
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    report = str(failure.value)
    assert "image-alt" in report and "link-name" in report
    assert "<img" in report  # the offending element is shown


def test_every_loaded_page_is_tracked_until_scanned(page, live_server):
    page.goto("/confidentialite")
    assert page.scan_guard.missed() == [f"{live_server}/confidentialite"]
    page.goto("/accessibilite")
    assert page.scan_guard.missed() == [
        f"{live_server}/confidentialite",
        f"{live_server}/accessibilite",
    ]
    assert_accessible(page)
    page.scan_guard.unscanned.clear()  # this test skipped one scan on purpose
    assert page.scan_guard.missed() == []


def test_csp_blocks_inline_scripts_in_the_real_browser(page, visit):
    visit("/confidentialite")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true'; document.body.append(s); }"""
    )
    assert page.evaluate("() => window.injected === undefined")
