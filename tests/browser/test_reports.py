"""Yearly reports in a real browser: an administrator creates a report, writes it, publishes
it and a correction; a visitor reads it, its first version, its print view and compares.

Selectors use ids, names and URLs rather than visible text. axe-core scans every page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import factories
from tests.browser.helpers import follow, go, log_in


def test_an_admin_creates_writes_publishes_and_corrects_a_report(open_page):
    admin = factories.user(role="admin")
    factories.report(2024, published=True)

    page = open_page()
    log_in(page, admin)
    go(page, "/bilans")
    page.locator("#year").fill("1990")
    follow(page, page.locator("main form[action='/bilans/nouveau'] input[type=submit]"))
    assert page.locator(".error-summary").is_visible()
    page.locator("#year").fill("2025")
    follow(page, page.locator("main form[action='/bilans/nouveau'] input[type=submit]"))
    assert urlsplit(page.url).path == "/bilans/2025/modifier"

    page.locator("#introduction").fill("En 2025, **l’alliance** a grandi.")
    page.locator("#highlights").fill("- Une première promotion de territoires pilotes.")
    page.locator("#outlook").fill("Documenter davantage nos interventions.")
    page.locator("input[name=sections][value=experiences]").uncheck()
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator("main .report-draft").is_visible()
    assert page.locator("main #section-experiences").count() == 0
    assert page.locator("main svg.chart").count() >= 1
    follow(page, page.locator("main a[href='/bilans/2025/imprimer']"))

    go(page, "/bilans/2025")
    follow(page, page.locator("main a[href='/bilans/2025/publier']"))
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator("main .report-draft").count() == 0
    follow(page, page.locator("main a[href='/bilans/2025/publier']"))
    follow(page, page.locator("main form input[type=submit]"))  # a correction needs a note
    assert page.locator(".error-summary").is_visible()
    page.locator("#note").fill("Les séances de décembre sont comptées.")
    follow(page, page.locator("main form input[type=submit]"))
    assert page.locator("main .report-versions li").count() == 2

    visitor = open_page()
    go(visitor, "/")
    follow(visitor, visitor.locator("footer a[href='/bilans']"))
    follow(visitor, visitor.locator("main a[href='/bilans/2025']"))
    assert "<strong>l’alliance</strong>" in visitor.locator("main").inner_html()
    follow(visitor, visitor.locator("main a[href='/bilans/2025/versions/1']"))
    go(visitor, "/bilans/2025/imprimer")
    go(visitor, "/bilans/comparer?a=2024&b=2025")
    assert visitor.locator("main table.compare-table").count() >= 1
    go(visitor, "/bilans/comparer?a=2024&b=1990")
    assert visitor.locator("main .error-summary").is_visible()
    go(visitor, "/bilans/2026", status=404)


def test_every_chart_type_and_the_map_are_accessible_on_a_report_and_the_comparison(
    open_page, monkeypatch
):
    """Two published years with every section (masked counts included): bars, stacked
    bars, donuts and the map on the report (in both languages), small multiples on the
    comparison; axe-core scans every page (go() does)."""
    from tests.reports.test_charts import all_figures

    monkeypatch.setattr("portal.reports.figures.compute_figures", all_figures)
    factories.report(2023, published=True)
    factories.report(2022, published=True)

    for locale in ("fr-FR", "en-GB"):
        visitor = open_page(locale)
        go(visitor, "/bilans/2023")
        main = visitor.locator("main")
        assert main.locator("svg.allies-map a").count() == 18
        for kind in ("bars", "donut", "stacked", "map"):
            assert main.locator(f".report-chart-{kind} figure table").count() >= 1
        # Each chart sits beside its table: as many tables as charts and the map.
        assert (
            main.locator("figure.chart-with-table").count()
            == main.locator("figure.chart-with-table table").count()
        )
        assert main.locator("figure.chart-with-table svg").count() == 11
        go(visitor, "/bilans/comparer?a=2022&b=2023")
        assert visitor.locator("main figure.chart-with-table svg.chart").count() == 1
        assert visitor.locator("main table.compare-table").count() >= 7


def test_a_visitor_downloads_a_version_s_pdf(open_page):
    from tests.services import missing, weasyprint_problem

    problem = weasyprint_problem()
    if problem:
        missing("WeasyPrint (Pango)", problem)
    factories.report(2025, published=True)
    visitor = open_page()
    go(visitor, "/bilans/2025/versions/1")
    with visitor.expect_download() as downloading:
        visitor.locator("main a[href='/bilans/2025/versions/1.pdf']").click()
    assert downloading.value.suggested_filename == "bilan-2025-v1.pdf"
    with open(downloading.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
