"""The assembly's demo: editions, board, documents, and the member's organisation."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.db import utcnow
from portal.core.extensions import db


def test_the_demo_seeds_the_editions_board_documents_and_signatures(app, runner):
    from portal.accounts.models import User
    from portal.alliance.models import Signature
    from portal.assembly.governance.models import BoardMember, GovernanceDocument
    from portal.assembly.loading import edition_by_year

    result = runner.invoke(args=["portal", "seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        now = utcnow()
        past, current = edition_by_year(2026), edition_by_year(2027)
        assert past.open_phases(now) == ["results"]
        assert current.open_phases(now) == ["consultation"]
        assert current.space is not None
        assert 5 <= db.session.scalar(select(func.count(BoardMember.id))) <= 7
        assert db.session.scalar(select(func.count(GovernanceDocument.id))) >= 4
        member = db.session.scalar(select(User).where(User.email == "membre@example.org"))
        statuses = {
            signature.organisation.name: signature.status
            for signature in db.session.scalars(
                select(Signature).where(Signature.signer_id == member.id)
            )
        }
        # The admin queue's pending signature stays; the assembly's organisation is validated.
        assert statuses["Tiers-lieu La Grange du Craonnais"] == "pending"
        assert statuses["Collectif Transitions du Pays de Redon"] == "validated"
        cosignatory = db.session.scalar(
            select(User).where(User.email == "cosignataire@example.org")
        )
        # A second signatory of the same organisation: the vote's "first to vote" case.
        [co_signature] = db.session.scalars(
            select(Signature).where(Signature.signer_id == cosignatory.id)
        ).all()
        assert co_signature.organisation.name == "Collectif Transitions du Pays de Redon"
        assert co_signature.status == "validated"
