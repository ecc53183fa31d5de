"""The open data page in a real browser: found from the footer, accessible in both
languages, with a published report listed; its downloads answer."""

from __future__ import annotations

import pytest

from tests import factories
from tests.browser.helpers import follow, go


@pytest.fixture
def a_published_report(monkeypatch):
    """2025 published, with a figure of its own."""
    figures = {"schema": 1, "year": 2025, "sections": {"allies": {"totals": {"x": 3}}}}
    monkeypatch.setattr("portal.reports.figures.compute_figures", lambda year: figures)
    factories.report(2025, published=True)


def test_a_visitor_finds_the_open_data_from_the_footer(open_page, a_published_report):
    factories.ally(name="Le Mené", kind="collectivite", region="bretagne")
    page = open_page()
    go(page, "/allies")
    follow(page, page.locator("footer a[href='/donnees']"))
    assert page.locator("a[href='/donnees/allies.csv']").count() == 1
    assert page.locator("a[href='/donnees/bilans/2025.json']").count() == 1
    assert page.url.endswith("/donnees")

    response = page.request.get("/donnees/allies.json")
    assert response.ok and response.json()["rows"][0]["name"] == "Le Mené"


def test_the_open_data_page_in_english_without_any_report(open_page):
    page = open_page(locale="en-GB")
    go(page, "/donnees")
    assert page.locator("h1").inner_text() == "Open data"
    assert page.get_by_text("No report is published yet.").count() == 1
