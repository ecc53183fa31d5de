"""Budgets of the yearly reports: the list, a published report and a version (read from
their snapshot, whatever the number of reports and versions), and the comparison."""

from __future__ import annotations

import pytest

from tests import factories
from tests.budgets.helpers import Page


def more_reports(world):
    """Many published years, each corrected twice, and drafts."""
    from portal.core.extensions import db
    from portal.reports.services import publishing, reports

    taken = {world.args["report_year"], world.args["draft_report_year"]}
    for year in [y for y in range(2030, 2042) if y not in taken]:
        factories.report(year, published=True)
        with factories.context():
            report = reports.report_by_year(year)
            for n in range(2):
                publishing.publish(report, None, f"Correction {n}")
            db.session.commit()
    for year in [y for y in range(2050, 2055) if y not in taken]:
        factories.report(year)


def more_versions(world):
    """Corrections of the world's report."""
    from portal.core.extensions import db
    from portal.reports.services import publishing, reports

    with factories.context():
        report = reports.report_by_year(world.args["report_year"])
        for n in range(6):
            publishing.publish(report, None, f"Correction {n}")
        db.session.commit()
    more_reports(world)


COMPARE = "/bilans/comparer?a={report_year}&b={report_year}"
VERSION_PDF = "/bilans/{report_year}/versions/1.pdf"

PAGES = {
    "reports.list (anonymous)": Page("a", "/bilans", more_reports, 2),
    "reports.list (admin)": Page("A", "/bilans", more_reports, 3),
    "reports.show": Page("a", "/bilans/{report_year}", more_versions, 4),
    "reports.show (admin)": Page("A", "/bilans/{report_year}", more_versions, 5),
    "reports.version": Page("a", "/bilans/{report_year}/versions/1", more_versions, 4),
    "reports.print_view": Page("a", "/bilans/{report_year}/imprimer", more_versions, 4),
    "reports.compare_years": Page("a", COMPARE, more_versions, 8),
    # Once stored (the warm-up makes it): BEGIN, the report, its versions, the version.
    "reports.pdf": Page("a", "/bilans/{report_year}.pdf", more_versions, 4, warm_up=True),
    "reports.version_pdf": Page("a", VERSION_PDF, more_versions, 3, warm_up=True),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
