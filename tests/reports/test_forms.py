"""Bad input never breaks a page: years out of range or taken, a correction without a note."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.core.extensions import db
from tests import factories


def _reports() -> int:
    from portal.reports.models import Report

    with factories.context():
        return db.session.scalar(select(func.count(Report.id)))


@pytest.mark.parametrize(
    ("year", "message"),
    (
        ("", "Give the year of the report."),
        ("deux mille", "Give the year of the report."),
        ("1850", "Give a year from 2018 to 2100."),
        ("99999999999999999999", "Give a year from 2018 to 2100."),
    ),
)
def test_a_new_report_needs_a_year_in_range(client, login_as, year, message):
    login_as("admin")
    response = client.post("/bilans/nouveau", data={"year": year})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True) or "Not a valid integer" in (
        response.get_data(as_text=True)
    )
    assert _reports() == 0


def test_a_year_that_has_a_report_is_refused(client, login_as):
    factories.report(2025)
    login_as("admin")
    response = client.post("/bilans/nouveau", data={"year": "2025"})
    assert response.status_code == 200
    assert "There is already a report for 2025." in response.get_data(as_text=True)
    assert _reports() == 1


def test_a_correction_without_a_note_is_refused(client, login_as, figures):
    from portal.reports.models import ReportVersion

    factories.report(2025, published=True)
    login_as("admin")
    response = client.post("/bilans/2025/publier", data={"note": "   "})
    assert response.status_code == 200
    assert "Say what the correction changes." in response.get_data(as_text=True)
    with factories.context():
        assert db.session.scalar(select(func.count(ReportVersion.id))) == 1


def test_unknown_sections_and_overlong_texts_are_refused_without_breaking(client, login_as):
    factories.report(2025)
    login_as("admin")
    response = client.post(
        "/bilans/2025/modifier", data={"introduction": "x" * 20_001, "sections": ["nope"]}
    )
    assert response.status_code == 200
    assert "At most 20000 characters." in response.get_data(as_text=True)
