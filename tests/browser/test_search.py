"""Search in a real browser: the header box, highlighted results, filters; axe-core on each page.

Selectors use ids, names and URLs rather than visible text, so the journey holds
whatever the French catalog says.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.browser.helpers import assert_accessible, follow, go, log_in
from tests.search.builders import experience, material
from tests.search.conftest import empty_index


@pytest.fixture(autouse=True)
def _empty_search_index(app):
    """The index's tables are outside the models' metadata: empty them around the test."""
    empty_index(app)
    yield
    empty_index(app)


def test_a_visitor_searches_from_the_header_and_an_ally_finds_more(open_page):
    shared = material(None, title="Les énergies citoyennes", visibility="public")
    material(None, title="Coopérative d'énergie (alliés)", visibility="allies")
    experience(title="Une coopérative énergétique", lessons="L'énergie se partage.")
    ally = factories.user()

    page = open_page()
    go(page, "/")
    page.locator("#site-search-q").fill("énergie")
    with page.expect_navigation():
        page.locator("#site-search-q").press("Enter")
    assert_accessible(page)
    assert page.url.endswith("/search?q=%C3%A9nergie")
    results = page.locator("main .search-result")
    assert results.count() == 1
    assert page.locator("main .search-result mark").first.inner_text() == "énergies"

    follow(page, page.locator(f"main .search-result a[href='/materials/{shared.id}']"))
    assert page.locator("main h1").inner_text() == "Les énergies citoyennes"

    log_in(page, ally)
    go(page, "/search?q=energies")
    assert page.locator("main .search-result").count() == 3
    follow(page, page.locator("main .search-kinds a[href*='type=experience']"))
    assert page.locator("main .search-result").count() == 1
    assert page.locator("main .search-kinds a[aria-current=page]").count() == 1
    page.locator("#search-q").fill('"; DROP TABLE -- *')
    follow(page, page.locator("main form[role=search] button[type=submit]"))
    assert page.locator("main h1").is_visible()
