"""The vote's demo: the 2026 results frozen with their minutes, 2027 prepared; idempotent."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.assembly.vote.demo import seed_vote_demo
from portal.assembly.vote.models import Ballot, Participation, VoteItem, VoteResult
from portal.core.extensions import db
from tests import factories


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_demo_skips_the_missing_editions(app, ctx):
    assert seed_vote_demo() == [
        "Assembly 2026 missing: its vote is not seeded.",
        "Assembly 2027 missing: its vote is not seeded.",
    ]


def test_the_demo_freezes_2026_and_prepares_2027_and_runs_again_unchanged(app, ctx, client):
    factories.assembly_edition(2026, phase="results")
    factories.assembly_edition(2027, phase="consultation")
    for _ in range(5):
        factories.ally()
    seed_vote_demo()
    db.session.commit()
    counts = [_count(m) for m in (VoteItem, VoteResult, Ballot, Participation)]
    assert counts == [3 + 4, 3, 15, 15]
    assert _count(Ballot) == _count(Participation)
    seed_vote_demo()
    db.session.commit()
    assert [_count(m) for m in (VoteItem, VoteResult, Ballot, Participation)] == counts
    html = client.get("/assemblee/2026/resultats").get_data(as_text=True)
    assert "Procès-verbal" in html and "Camille Martin" in html
