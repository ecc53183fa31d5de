"""What dispositifs hold about a person: their proposals and messages (export); erasure
withdraws the proposals still waiting, since nobody could answer a question about them.

Decided proposals stay (a published one is the history of a dispositif), shown as by
"Former member" (User.public_name) like other contributions.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion
from portal.programmes.constants import OPEN_PROPOSAL_STATES
from portal.programmes.models import ProgrammeProposal, ProposalMessage


@exporter("programme_proposals")
def export_proposals(user) -> list[dict]:
    """The dispositifs you proposed, with the exchange about each."""
    proposals = db.session.scalars(
        select(ProgrammeProposal)
        .where(ProgrammeProposal.proposer_id == user.id)
        .options(selectinload(ProgrammeProposal.messages))
        .order_by(ProgrammeProposal.created_at, ProgrammeProposal.id)
    )
    return [
        {
            "title": p.title,
            "purpose": p.purpose,
            "audience": p.audience,
            "format": p.format,
            "runners": p.runners,
            "state": p.state,
            "decline_reason": p.decline_reason or None,
            "created_at": p.created_at.isoformat(),
            "messages": [
                {
                    "yours": m.author_id == user.id,
                    "body": m.body,
                    "created_at": m.created_at.isoformat(),
                }
                for m in p.messages
            ],
        }
        for p in proposals
    ]


@on_account_deletion
def withdraw_open_proposals(user) -> None:
    """Delete the person's proposals still waiting for a decision (and their exchange)."""
    waiting = list(
        db.session.scalars(
            select(ProgrammeProposal.id).where(
                ProgrammeProposal.proposer_id == user.id,
                ProgrammeProposal.state.in_(OPEN_PROPOSAL_STATES),
            )
        )
    )
    if waiting:
        db.session.execute(delete(ProposalMessage).where(ProposalMessage.proposal_id.in_(waiting)))
        db.session.execute(delete(ProgrammeProposal).where(ProgrammeProposal.id.in_(waiting)))
