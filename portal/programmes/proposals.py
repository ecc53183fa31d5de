"""Allies' proposals of new dispositifs: submitting, the exchange with administrators,
publishing as a programme (optionally with a learning community) or declining.

States: submitted → question_asked (an administrator asks) → submitted (the proposer
answers) ...; then published or declined, both final.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.services import enqueue
from portal.programmes.constants import (
    DECLINED,
    OPEN_PROPOSAL_STATES,
    PUBLISHED,
    QUESTION_ASKED,
    SUBMITTED,
)
from portal.programmes.editing import add_edition
from portal.programmes.models import ProgrammeProposal, ProposalMessage

PROPOSAL_FIELDS = ("title", "purpose", "audience", "format", "runners")


class ProposalStateError(ValueError):
    """The proposal is not in a state that allows this (decided meanwhile, say)."""


def submit_proposal(proposer, fields: dict) -> ProgrammeProposal:
    """A new proposal by `proposer`, waiting for review."""
    now = utcnow()
    proposal = ProgrammeProposal(
        proposer_id=proposer.id, state=SUBMITTED, created_at=now, updated_at=now
    )
    for name in PROPOSAL_FIELDS:
        setattr(proposal, name, fields.get(name) or "")
    db.session.add(proposal)
    db.session.flush()
    return proposal


def load_proposal(proposal_id: int) -> ProgrammeProposal | None:
    """One proposal with its proposer and exchange."""
    return db.session.scalar(
        select(ProgrammeProposal)
        .where(ProgrammeProposal.id == proposal_id)
        .options(
            joinedload(ProgrammeProposal.proposer),
            joinedload(ProgrammeProposal.programme),
            selectinload(ProgrammeProposal.messages).joinedload(ProposalMessage.author),
        )
    )


def queue_query(show: str = "open"):
    """Proposals for the administrators' queue: open ones (oldest first) or all (newest)."""
    query = select(ProgrammeProposal).options(joinedload(ProgrammeProposal.proposer))
    if show == "open":
        return query.where(ProgrammeProposal.state.in_(OPEN_PROPOSAL_STATES)).order_by(
            ProgrammeProposal.created_at, ProgrammeProposal.id
        )
    return query.order_by(ProgrammeProposal.created_at.desc(), ProgrammeProposal.id.desc())


def proposals_of(user) -> list[ProgrammeProposal]:
    """`user`'s own proposals, newest first."""
    return list(
        db.session.scalars(
            select(ProgrammeProposal)
            .where(ProgrammeProposal.proposer_id == user.id)
            .order_by(ProgrammeProposal.created_at.desc(), ProgrammeProposal.id.desc())
        )
    )


def _require_open(proposal: ProgrammeProposal) -> None:
    """Refuse a change to a decided proposal."""
    if not proposal.is_open:
        raise ProposalStateError("this proposal was already decided")


def _message(proposal: ProgrammeProposal, author, body: str) -> ProposalMessage:
    """Add a message of `author` to the proposal's exchange."""
    message = ProposalMessage(
        proposal_id=proposal.id, author_id=author.id, body=body, created_at=utcnow()
    )
    db.session.add(message)
    proposal.updated_at = utcnow()
    return message


def _tell_proposer(proposal: ProgrammeProposal, template: str, subject, key: str, **context):
    """Email the proposer about their proposal, in their language (nobody after deletion)."""
    proposer = proposal.proposer
    if proposer is None or proposer.is_deleted:
        return
    enqueue(
        to=proposer.email,
        template=f"programmes/{template}",
        subject=subject,
        dedupe_key=key,
        locale=proposer.locale,
        user_id=proposer.id,
        context={
            "name": proposer.display_name,
            "proposal_id": proposal.id,
            "title": proposal.title,
            **context,
        },
    )


def ask_question(proposal: ProgrammeProposal, admin, body: str) -> ProposalMessage:
    """An administrator asks the proposer a question; the proposer is emailed."""
    _require_open(proposal)
    message = _message(proposal, admin, body)
    proposal.state = QUESTION_ASKED
    db.session.flush()
    _tell_proposer(
        proposal,
        "proposal_question",
        _l("A question about your proposal of a dispositif"),
        f"proposal-question:{message.id}",
        question=body,
    )
    return message


def answer(proposal: ProgrammeProposal, proposer, body: str) -> ProposalMessage:
    """The proposer answers (or adds a word); the proposal waits for review again."""
    _require_open(proposal)
    message = _message(proposal, proposer, body)
    proposal.state = SUBMITTED
    db.session.flush()
    return message


def decline(proposal: ProgrammeProposal, admin, reason: str) -> None:
    """Decline the proposal with a reason, emailed to the proposer."""
    _require_open(proposal)
    proposal.state = DECLINED
    proposal.decline_reason = reason
    proposal.decided_at = utcnow()
    proposal.decided_by_id = admin.id
    db.session.flush()
    _tell_proposer(
        proposal,
        "proposal_declined",
        _l("Your proposal of a dispositif"),
        f"proposal-declined:{proposal.id}",
        reason=reason,
    )


def publish(proposal: ProgrammeProposal, admin, programme, *, with_community: bool = False):
    """Mark the proposal published as `programme`; with `with_community`, also create a
    learning community space for it with the proposer as its facilitator."""
    from portal.spaces import services as spaces

    _require_open(proposal)
    proposal.state = PUBLISHED
    proposal.programme_id = programme.id
    proposal.decided_at = utcnow()
    proposal.decided_by_id = admin.id
    space = None
    if with_community:
        space = spaces.create_space(
            admin,
            title=programme.title,
            description=programme.description,
            kind="community",
            timezone="Europe/Paris",
            starts_on=None,
            ends_on=None,
            cover_colour="",
        )
        if proposal.proposer is not None and not proposal.proposer.is_deleted:
            spaces.appoint_facilitator(space, proposal.proposer)
        add_edition(programme, space)
    db.session.flush()
    _tell_proposer(
        proposal,
        "proposal_published",
        _l("Your proposal of a dispositif is published"),
        f"proposal-published:{proposal.id}",
        slug=programme.slug,
        space_slug=space.slug if space else None,
    )
    return space


def prefill(proposal: ProgrammeProposal) -> dict:
    """The programme form's first values for publishing `proposal`."""
    parts = [proposal.purpose]
    if proposal.audience:
        parts.append("## " + str(_l("Who it is for")) + "\n\n" + proposal.audience)
    if proposal.runners:
        parts.append("## " + str(_l("Who runs it")) + "\n\n" + proposal.runners)
    return {
        "title": proposal.title,
        "summary": (proposal.purpose or "").split("\n")[0][:500],
        "description": "\n\n".join(p for p in parts if p),
        "format": (proposal.format or "")[:300],
    }
