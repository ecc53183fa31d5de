"""The demo contributions: a dozen on the 2027 consultation, two answered ones in 2026."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.assembly.contributions import listing
from portal.assembly.contributions.demo import CONTRIBUTIONS_2027, seed_contributions_demo
from portal.assembly.contributions.models import Contribution, ContributionSupport
from portal.assembly.contributions.permissions import consultation_open
from portal.assembly.models import AssemblyEdition
from portal.core.extensions import db
from tests import factories


def test_the_demo_contributes_to_2027_once_and_answers_2026(app):
    factories.assembly_edition(2026, phase="results")
    for email in ("membre@example.org", "lea.martin@example.org", "karim.benali@example.org"):
        factories.signed_ally(email=email)
    with app.app_context():
        first = seed_contributions_demo()
        db.session.commit()
        second = seed_contributions_demo()
        db.session.commit()
        assert first[0].endswith(f"{len(CONTRIBUTIONS_2027)} created.")
        assert second[0].endswith(": 0 created.")
        edition = db.session.scalar(select(AssemblyEdition).where(AssemblyEdition.year == 2027))
        assert consultation_open(edition)
        made = db.session.scalars(
            select(Contribution).where(Contribution.edition_id == edition.id)
        ).all()
        assert len(made) == 12 >= len(CONTRIBUTIONS_2027)
        counts = listing.counts([c.id for c in made])
        assert any(c.people for c in counts.values()) and any(c.comments for c in counts.values())
        states = dict(
            db.session.execute(
                select(Contribution.title, Contribution.state)
                .join(AssemblyEdition)
                .where(AssemblyEdition.year == 2026)
            ).all()
        )
        assert sorted(states.values()) == ["merged", "retained"]
        assert db.session.scalar(select(func.count(ContributionSupport.id))) > 0


def test_the_demo_skips_without_accounts(app):
    with app.app_context():
        assert seed_contributions_demo() == [
            "Contributions: no demo account to write them, skipped."
        ]
