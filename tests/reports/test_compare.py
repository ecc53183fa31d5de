"""Two years side by side, with the change; bad or missing years get a message, not a 500."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def two_years(figures):
    figures.set(2025, signatures=20, rate=0.5)
    figures.set(2026, signatures=25, rate=0.6)
    factories.report(2025, published=True)
    factories.report(2026, published=True)


def test_two_published_years_side_by_side_with_the_change(client, two_years):
    page = client.get("/bilans/comparer?a=2025&b=2026").get_data(as_text=True)
    flat = page.replace("\n", "")
    assert "<td>20</td><td>25</td><td>+5</td><td>+25%</td>" in flat.replace("\xa0", "")
    assert "+10 points" in page  # a rate changes by points, not by a percentage
    assert "fewer than 5" in page  # Guyane, both years: no change shown


@pytest.mark.parametrize(
    ("query", "message"),
    (
        ("?a=2025", "Choose two years to compare."),
        ("?a=2025&b=", "Choose two years to compare."),
        ("?a=2025&b=deux", "“deux” is not a year."),
        ("?a=2025&b=1999", "There is no report for 1999 to compare."),
        ("?a=2025&b=99999999999999999999999", "to compare."),
    ),
)
def test_bad_or_missing_years_get_a_clear_message(client, two_years, query, message):
    response = client.get(f"/bilans/comparer{query}")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_a_draft_is_compared_by_administrators_only(client, login_as, figures):
    factories.report(2025, published=True)
    factories.report(2026)
    visitor = client.get("/bilans/comparer?a=2025&b=2026").get_data(as_text=True)
    assert "There is no report for 2026 to compare." in visitor
    login_as("admin")
    admin = client.get("/bilans/comparer?a=2025&b=2026").get_data(as_text=True)
    assert "to compare." not in admin
    assert "computed now" in admin


def test_a_section_one_year_does_not_show_has_no_change(app, figures):
    from portal.reports.compare import compare
    from tests.reports.conftest import sample_figures

    with app.test_request_context():
        a, b = sample_figures(2025), sample_figures(2026)
        sections = compare(a, ["allies"], b, ["allies", "activity"])
        activity = sections[1].totals[0]
        assert (activity.first, activity.change) == ("—", "")
