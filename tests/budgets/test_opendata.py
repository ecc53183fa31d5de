"""Budgets of the open data: the /donnees page and the allies downloads run a fixed number
of queries whatever the number of allies (one aggregate query for the rows, one for the
update date; BEGIN counts too); /donnees adds the one query that lists the published
reports, and a report's figures are one query whatever the number of versions."""

from __future__ import annotations

import pytest

from tests.budgets.helpers import Page
from tests.budgets.test_alliance import more_allies
from tests.budgets.test_reports import more_versions


def more_reports(world):
    """Allies, the world's report corrected several times, other years published."""
    more_allies(world)
    more_versions(world)


PAGES = {
    "reports.opendata": Page("a", "/donnees", more_reports, 3),
    "reports.opendata (signed in)": Page("m", "/donnees", more_reports, 4),
    "reports.opendata_report (csv)": Page(
        "a", "/donnees/bilans/{report_year}.csv", more_reports, 2
    ),
    "reports.opendata_report (json)": Page(
        "a", "/donnees/bilans/{report_year}.json", more_reports, 2
    ),
    "reports.opendata_allies (csv)": Page("a", "/donnees/allies.csv", more_allies, 3),
    "reports.opendata_allies (json)": Page("a", "/donnees/allies.json", more_allies, 3),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
