"""Fixtures of the reports' tests: a source of published reports for the open data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

#: A figures dict as FIGURES.md describes it: totals, breakdowns, an under-5 category.
FIGURES_2025 = {
    "schema": 1,
    "year": 2025,
    "sections": {
        "allies": {
            "totals": {"organisations": 123, "signatures_of_year": 18},
            "breakdowns": {
                "by_kind": [
                    {"key": "association", "value": 42},
                    {"key": "media", "value": None},
                ]
            },
        },
        "activity": {
            "totals": {"sessions": 31, "attendance_rate": 0.82},
            "breakdowns": {"by_theme": [{"key": "t7", "label": "=HYPERLIEN()", "value": 9}]},
        },
    },
}
PUBLISHED_AT = datetime(2026, 2, 3, 10, 30, tzinfo=UTC)


@pytest.fixture
def published_reports():
    """2025 published (version 2), nothing else; the source is forgotten afterwards."""
    from portal.reports.opendata import registry

    def lookup(year):
        return (FIGURES_2025, 2, PUBLISHED_AT) if year == 2025 else None

    registry.register_report_source(lookup, lambda: [(2025, 2, PUBLISHED_AT)])
    yield
    registry.clear_report_source()
