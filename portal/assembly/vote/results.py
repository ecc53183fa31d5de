"""Results: computed once when the vote has closed, then frozen (one row per item)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.assembly.constants import Phase
from portal.assembly.vote.ballots import MOTION_CHOICES
from portal.assembly.vote.models import Ballot, Participation, VoteItem, VoteResult
from portal.assembly.vote.preparation import items_of, settings_of
from portal.assembly.vote.voices import INDIVIDUALS, ORGANISATIONS, electorate
from portal.core.extensions import db


def _count(model, item_id: int) -> dict[str, int]:
    """Rows of `model` on an item, per college."""
    rows = db.session.execute(
        select(model.college, func.count()).where(model.item_id == item_id).group_by(model.college)
    )
    counts = {ORGANISATIONS: 0, INDIVIDUALS: 0}
    counts.update(dict(rows.all()))
    return counts


def compute(item: VoteItem, settings, voters: dict[str, int]) -> tuple[dict, bool]:
    """An item's figures from its ballots, and whether the quorum is met."""
    voted = _count(Participation, item.id)
    ballots = _count(Ballot, item.id)
    if item.is_election:
        options = [str(c.id) for c in item.candidacies if c.status == "accepted"]
    else:
        options = list(MOTION_CHOICES)
    choices = {option: {ORGANISATIONS: 0, INDIVIDUALS: 0} for option in options}
    for college, choice in db.session.execute(
        select(Ballot.college, Ballot.choice).where(Ballot.item_id == item.id)
    ):
        for option in choice.split(",") if choice else []:
            if option in choices:
                choices[option][college] += 1
    for counts in choices.values():
        # The individuals' college weighs as many organisation voices as the setting says,
        # shared in proportion to its ballots.
        share = counts[INDIVIDUALS] / ballots[INDIVIDUALS] if ballots[INDIVIDUALS] else 0
        counts["weighted"] = round(
            counts[ORGANISATIONS] * settings.organisations_weight
            + share * settings.individuals_college_weight,
            2,
        )
    total_voters = sum(voters.values())
    total_voted = voted[ORGANISATIONS] + voted[INDIVIDUALS]
    quorum_met = total_voters > 0 and total_voted * 100 >= settings.quorum_percent * total_voters
    figures = {
        "choices": choices,
        "electorate": voters,
        "voted": voted,
        "ballots": ballots,
        "organisations_weight": settings.organisations_weight,
        "individuals_college_weight": settings.individuals_college_weight,
        "quorum_percent": settings.quorum_percent,
    }
    return figures, quorum_met


def freeze(edition, now: datetime) -> bool:
    """Freeze the results of the items not frozen yet, once the vote has closed (the caller
    commits); whether anything was written."""
    if not edition.has_closed(Phase.VOTE.value, now):
        return False
    items = items_of(edition.id)
    found = results_of(items)
    missing = [item for item in items if item.id not in found]
    if not missing:
        return False
    settings = settings_of(edition.id)
    voters = electorate()
    for item in missing:
        figures, quorum_met = compute(item, settings, voters)
        try:
            with db.session.begin_nested():
                db.session.add(VoteResult(item_id=item.id, figures=figures, quorum_met=quorum_met))
                db.session.flush()
        except IntegrityError:
            pass  # another reader froze it first: theirs stands
    return True


def frozen_results(edition, now: datetime) -> dict[int, VoteResult] | None:
    """The edition's results by item, freezing those not frozen yet (the caller commits);
    None before the close."""
    if not edition.has_closed(Phase.VOTE.value, now):
        return None
    freeze(edition, now)
    return results_of(items_of(edition.id))


def results_of(items: list[VoteItem]) -> dict[int, VoteResult]:
    """The frozen results of these items, by item id."""
    if not items:
        return {}
    rows = db.session.scalars(
        select(VoteResult).where(VoteResult.item_id.in_([i.id for i in items]))
    )
    return {r.item_id: r for r in rows}


def are_published(edition, now: datetime) -> bool:
    """Whether everyone may read the results: the vote has closed and the results phase
    has begun (at the close when the edition sets no results date)."""
    if not edition.has_closed("vote", now):
        return False
    return edition.results_at is None or now >= edition.results_at


def freeze_closed_votes(now: datetime) -> int:
    """Scheduler: freeze the results of every vote that has closed, soon after its close
    (so the electorate is counted then, not at the first reading); items frozen."""
    from portal.assembly.models import AssemblyEdition

    editions = db.session.scalars(
        select(AssemblyEdition)
        .where(
            AssemblyEdition.vote_closes_at <= now,
            AssemblyEdition.id.in_(
                select(VoteItem.edition_id)
                .outerjoin(VoteResult, VoteResult.item_id == VoteItem.id)
                .where(VoteResult.id.is_(None))
            ),
        )
        .order_by(AssemblyEdition.id)
    ).all()
    frozen = 0
    for edition in editions:
        before = len(results_of(items_of(edition.id)))
        freeze(edition, now)
        frozen += len(results_of(items_of(edition.id))) - before
    return frozen
