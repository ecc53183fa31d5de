"""Fixtures of the reports' tests: forms without CSRF tokens (test_permissions.py proves
tokens are enforced), figures the test controls instead of the computed ones, and a
source of published reports for the open data."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest


@pytest.fixture(autouse=True)
def _forms_without_csrf(no_csrf):
    """Forms are posted without tokens here."""


def sample_figures(year: int, signatures: int = 12, rate: float | None = 0.5) -> dict:
    """A figures dict of the contract's shape, with numbers the test chose."""
    return {
        "schema": 1,
        "year": year,
        "sections": {
            "allies": {
                "totals": {"signatures_year": signatures, "allies_total": 100},
                "breakdowns": {
                    "by_region": [
                        {"key": "bretagne", "value": signatures},
                        {"key": "guyane", "value": None},
                    ]
                },
            },
            "activity": {"totals": {"attendance_rate": rate}, "breakdowns": {}},
        },
    }


class Figures:
    """The figures compute_figures answers, per year, changed at will; counts its calls."""

    def __init__(self):
        self.by_year: dict[int, dict] = {}
        self.calls = 0

    def set(self, year: int, **numbers) -> None:
        self.by_year[year] = sample_figures(year, **numbers)

    def __call__(self, year: int) -> dict:
        self.calls += 1
        return copy.deepcopy(self.by_year.get(year) or sample_figures(year))


@pytest.fixture
def figures(monkeypatch):
    """compute_figures replaced by a Figures the test sets (`figures.set(2025, signatures=7)`)."""
    fake = Figures()
    monkeypatch.setattr("portal.reports.figures.compute_figures", fake)
    return fake


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
def published_reports(monkeypatch):
    """The 2025 report published twice (a correction), with FIGURES_2025 frozen in it, the
    latest version dated PUBLISHED_AT."""
    import copy

    from sqlalchemy import update

    from portal.core.extensions import db
    from portal.reports.models import ReportVersion
    from portal.reports.services import publishing
    from tests import factories

    monkeypatch.setattr(
        "portal.reports.figures.compute_figures", lambda year: copy.deepcopy(FIGURES_2025)
    )
    report = factories.report(2025, published=True)
    with factories.context():
        version = publishing.publish(report, None, note="Une correction")
        db.session.execute(
            update(ReportVersion)
            .where(ReportVersion.id == version.id)
            .values(published_at=PUBLISHED_AT)
        )
        db.session.commit()
