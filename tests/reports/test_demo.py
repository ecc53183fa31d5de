"""The demo reports: a published "Bilan 2025" and a draft "Bilan 2026", added once."""

from __future__ import annotations

from sqlalchemy import select


def test_seed_adds_a_published_2025_and_a_draft_2026_once(app, figures):
    from portal.core.extensions import db
    from portal.reports.demo import seed_reports_demo
    from portal.reports.models import Report, ReportVersion

    with app.app_context():
        assert seed_reports_demo() == [
            "Demo history: 0 allies signed 2021–2025, 0 items of 2025, 0 sessions held in 2025.",
            "Report 2025: created and published.",
            "Report 2026: created as a draft.",
        ]
        db.session.commit()
        assert seed_reports_demo() == ["Report 2025: already there.", "Report 2026: already there."]
        reports = {r.year: r for r in db.session.scalars(select(Report))}
        assert set(reports) == {2025, 2026}
        assert "La Fabrique des transitions" in reports[2025].introduction
        versions = db.session.scalars(select(ReportVersion)).all()
        assert [(v.report_id, v.number) for v in versions] == [(reports[2025].id, 1)]
        assert versions[0].outlook and versions[0].highlights
