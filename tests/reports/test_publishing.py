"""Publishing freezes the figures and texts; a correction is a new version with a note."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.core.extensions import db
from tests import factories


def _report(year):
    from portal.reports.services.reports import report_by_year

    return report_by_year(year)


def test_the_first_version_freezes_the_figures_of_the_sections_shown(app, figures):
    from portal.reports.services import publishing, reports

    figures.set(2025, signatures=9)
    with app.app_context():
        report = reports.create_report(2025, None)
        reports.save_editorial(
            report, {"introduction": "Intro", "sections": ["allies", "nope"]}, None
        )
        version = publishing.publish(report, None)
        db.session.commit()
        assert version.number == 1 and version.note == ""
        assert version.sections == ["allies"]
        assert list(version.figures["sections"]) == ["allies"]
        assert version.figures["sections"]["allies"]["totals"]["signatures_year"] == 9
        assert version.introduction == "Intro"
        assert version.pdf_key is None


def test_a_correction_needs_a_note_and_keeps_the_earlier_version(app, figures):
    from portal.reports.models import ReportVersion
    from portal.reports.services import publishing
    from portal.reports.services.reports import ReportError

    factories.report(2025, published=True)
    figures.set(2025, signatures=30)
    with app.app_context():
        report = _report(2025)
        with pytest.raises(ReportError):
            publishing.publish(report, None, "  ")
        publishing.publish(report, None, "Signatures de décembre ajoutées.")
        db.session.commit()
        found = db.session.scalars(select(ReportVersion).order_by(ReportVersion.number)).all()
        assert [v.number for v in found] == [1, 2]
        assert found[0].figures["sections"]["allies"]["totals"]["signatures_year"] == 12
        assert found[1].figures["sections"]["allies"]["totals"]["signatures_year"] == 30
        assert found[1].note == "Signatures de décembre ajoutées."


def test_a_year_has_one_report(app):
    from portal.reports.services import reports
    from portal.reports.services.reports import ReportError

    factories.report(2025)
    with app.app_context(), pytest.raises(ReportError):
        reports.create_report(2025, None)


def test_sections_are_kept_in_the_report_order(app):
    from portal.reports.figures.labels import SECTIONS
    from portal.reports.services import reports

    with app.app_context():
        report = reports.create_report(2030, None)
        assert report.sections == list(SECTIONS)
        keys = list(SECTIONS)
        reports.save_editorial(report, {"sections": list(reversed(keys))}, None)
        assert report.sections == keys


def test_a_published_page_never_changes_when_the_data_does(client, login_as, figures):
    figures.set(2025, signatures=41)
    factories.report(2025, published=True, introduction="Texte publié")
    before = client.get("/bilans/2025").get_data(as_text=True)
    assert "41" in before and "Texte publié" in before

    figures.set(2025, signatures=77)
    with factories.context():
        report = _report(2025)
        report.introduction = "Texte du brouillon"
        db.session.commit()
    assert client.get("/bilans/2025").get_data(as_text=True) == before

    login_as("admin")
    draft = client.get("/bilans/2025?brouillon=1").get_data(as_text=True)
    assert "77" in draft and "Texte du brouillon" in draft and "report-draft" in draft


def test_the_published_page_reads_the_snapshot_without_computing(client, figures):
    factories.report(2025, published=True)
    calls = figures.calls
    for path in ("/bilans", "/bilans/2025", "/bilans/2025/imprimer", "/bilans/2025/versions/1"):
        assert client.get(path).status_code == 200
    assert figures.calls == calls
