"""Budgets of the open data: the /donnees page and the allies downloads run a fixed number
of queries whatever the number of allies (one aggregate query for the rows, one for the
update date; BEGIN counts too). With the reports' source wired, /donnees adds the one
query that lists the published reports."""

from __future__ import annotations

import pytest

from tests.budgets.helpers import Page
from tests.budgets.test_alliance import more_allies

PAGES = {
    "reports.opendata": Page("a", "/donnees", more_allies, 2),
    "reports.opendata (signed in)": Page("m", "/donnees", more_allies, 3),
    "reports.opendata_allies (csv)": Page("a", "/donnees/allies.csv", more_allies, 3),
    "reports.opendata_allies (json)": Page("a", "/donnees/allies.json", more_allies, 3),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
