"""The demo dispositifs of `flask portal seed-demo`."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.extensions import db


def test_seed_demo_adds_the_dispositifs_milestones_and_a_proposal_once(app, runner):
    from portal.programmes.models import Milestone, Programme, ProgrammeProposal
    from portal.programmes.services import (
        facilitators,
        load_programme,
        proposals_awaiting_review_count,
    )
    from portal.spaces.models import Space

    first = runner.invoke(args=["portal", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Space Territoires pilotes 2028: created, 2 people added." in first.output
    second = runner.invoke(args=["portal", "seed-demo"])
    assert second.exit_code == 0, second.output
    assert "Timeline milestones: 0 added." in second.output
    with app.app_context():
        national = load_programme("parcours-national-des-territoires-pilotes")
        assert [e.space.slug for e in national.editions] == [
            "territoires-pilotes-2027",
            "territoires-pilotes-2028",
        ]
        assert facilitators(national)  # those of the 2027 cohort, also running 2028
        cohort = db.session.scalar(select(Space).where(Space.slug == "territoires-pilotes-2028"))
        assert cohort.is_cohort and str(cohort.starts_on) == "2028-01-15"
        kinds = list(db.session.scalars(select(Programme.kind)))
        assert kinds.count("cohort_journey") == 3 and kinds.count("learning_community") == 2
        assert "accompaniment" in kinds
        years = {m.happened_on.year for m in db.session.scalars(select(Milestone))}
        assert min(years) == 2018 and max(years) == 2026
        assert db.session.scalar(select(func.count(ProgrammeProposal.id))) == 1
        assert proposals_awaiting_review_count() == 1
