"""flatten_figures: a report's figures dict as rows, the under-5 rule kept visible."""

from __future__ import annotations

from portal.reports.opendata import flatten_figures
from portal.reports.opendata.figures import FIGURE_COLUMNS
from tests.reports.conftest import FIGURES_2025


def test_totals_then_breakdowns_section_by_section(app):
    with app.test_request_context():
        rows = flatten_figures(FIGURES_2025, 2)
    assert [(r["section"], r["figure"], r["breakdown"], r["category"]) for r in rows] == [
        ("allies", "organisations", None, None),
        ("allies", "signatures_of_year", None, None),
        ("allies", None, "by_kind", "association"),
        ("allies", None, "by_kind", "media"),
        ("activity", "sessions", None, None),
        ("activity", "attendance_rate", None, None),
        ("activity", None, "by_theme", "t7"),
    ]
    assert all(tuple(row) == FIGURE_COLUMNS for row in rows)
    assert {(r["year"], r["version"]) for r in rows} == {(2025, 2)}


def test_a_count_under_5_is_empty_and_flagged_not_zero(app):
    with app.test_request_context():
        rows = {(r["breakdown"], r["category"]): r for r in flatten_figures(FIGURES_2025, 2)}
    media = rows[("by_kind", "media")]
    assert media["value"] is None and media["fewer_than_5"] is True
    association = rows[("by_kind", "association")]
    assert association["value"] == 42 and association["fewer_than_5"] is False


def test_a_rate_and_a_stored_label_come_through(app):
    with app.test_request_context():
        rows = flatten_figures(FIGURES_2025, 2)
    rate = next(r for r in rows if r["figure"] == "attendance_rate")
    assert rate["value"] == 0.82 and rate["fewer_than_5"] is False
    theme = next(r for r in rows if r["category"] == "t7")
    assert theme["label"] == "=HYPERLIEN()"


def test_an_empty_report_has_no_rows(app):
    with app.test_request_context():
        assert flatten_figures({"schema": 1, "year": 2024, "sections": {}}) == []
