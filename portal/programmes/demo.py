"""Demo dispositifs for `flask portal seed-demo`: journeys, communities, an accompaniment,
the timeline's milestones and one proposal waiting for review.

Idempotent: each programme, edition, milestone or proposal already there (by slug, space,
date and title, or title and proposer) is left as it is. Runs after the spaces' demo.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.services import find_user_by_email
from portal.core.extensions import db
from portal.programmes import services
from portal.programmes.demo_data import MILESTONES, PROGRAMMES, PROPOSAL
from portal.programmes.models import Milestone, Programme, ProgrammeEdition, ProgrammeProposal
from portal.spaces.models import Space


def _space(slug: str) -> Space | None:
    """The space of `slug`, if the demo made it."""
    return db.session.scalar(select(Space).where(Space.slug == slug))


def _programme(fields: dict) -> tuple[Programme, bool]:
    """The demo programme of `fields["slug"]`, created if missing."""
    programme = db.session.scalar(select(Programme).where(Programme.slug == fields["slug"]))
    if programme is not None:
        return programme, False
    values = {k: v for k, v in fields.items() if k not in ("slug", "editions")}
    return services.create_programme(values, slug=fields["slug"]), True


def _edition(programme: Programme, slug: str, label: str) -> bool:
    """Link the space of `slug` to `programme` unless it runs a programme already."""
    space = _space(slug)
    if space is None:
        return False
    linked = db.session.scalar(
        select(ProgrammeEdition.id).where(ProgrammeEdition.space_id == space.id)
    )
    if linked:
        return False
    services.add_edition(programme, space, label)
    return True


def _milestones() -> int:
    """The timeline's milestones; returns how many were added."""
    added = 0
    for on, title, url, description in MILESTONES:
        exists = db.session.scalar(
            select(Milestone.id).where(Milestone.happened_on == on, Milestone.title == title)
        )
        if not exists:
            db.session.add(Milestone(happened_on=on, title=title, url=url, description=description))
            added += 1
    db.session.flush()
    return added


def _proposal() -> bool:
    """The demo member's proposal waiting for review; False if already there."""
    member = find_user_by_email("membre@example.org")
    if member is None:
        return False
    exists = db.session.scalar(
        select(ProgrammeProposal.id).where(
            ProgrammeProposal.proposer_id == member.id,
            ProgrammeProposal.title == PROPOSAL["title"],
        )
    )
    if exists:
        return False
    from portal.programmes.proposals import submit_proposal

    submit_proposal(member, PROPOSAL)
    return True


def seed_programmes_demo() -> list[str]:
    """Create the demo dispositifs, editions, milestones and proposal; lines for the console."""
    lines = []
    for fields in PROGRAMMES:
        programme, made = _programme(fields)
        linked = sum(_edition(programme, slug, label) for slug, label in fields["editions"])
        state = "created" if made else "already there"
        lines.append(f"Dispositif {programme.title}: {state}, {linked} editions linked.")
    lines.append(f"Timeline milestones: {_milestones()} added.")
    state = "created" if _proposal() else "already there"
    lines.append(f"Proposal of a dispositif waiting for review: {state}.")
    return lines
