"""The Assemblée des alliés of the year (the edition whose year is the report's), if any.

Contributions and questionnaire answers are counted per edition, whatever their date.
Voters are the distinct voices (organisations, proxies included, and individuals) that
voted on at least one item; the electorate is the one frozen with the results when the
vote closed, so turnout stays None until results are frozen. Without an edition, every
figure is None. Who voted for what is never read (participations hold no choice).
"""

from __future__ import annotations

from sqlalchemy import func, select

from portal.assembly.contributions.models import Contribution
from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire.models import QuestionnaireResponse
from portal.assembly.vote.models import Participation, VoteItem, VoteResult
from portal.core.extensions import db
from portal.reports.figures.period import Period, count, rate

FIGURES = ("contributions", "questionnaire_answers", "voters", "electorate", "turnout")


def _per_edition(column, *where):
    """A scalar subquery counting `column` for the outer query's edition."""
    return select(func.count(column)).where(*where).correlate(AssemblyEdition).scalar_subquery()


def _counts(period: Period):
    """The edition's contributions, answers and voters, or None without an edition."""
    return db.session.execute(
        select(
            _per_edition(Contribution.id, Contribution.edition_id == AssemblyEdition.id),
            _per_edition(
                QuestionnaireResponse.id, QuestionnaireResponse.edition_id == AssemblyEdition.id
            ),
            _per_edition(
                func.distinct(Participation.voice_key),
                Participation.item_id == VoteItem.id,
                VoteItem.edition_id == AssemblyEdition.id,
            ),
        ).where(AssemblyEdition.year == period.year)
    ).first()


def _electorate(period: Period) -> int | None:
    """The electorate frozen with the edition's first results, or None before any."""
    figures = db.session.scalar(
        select(VoteResult.figures)
        .join(VoteItem, VoteItem.id == VoteResult.item_id)
        .join(AssemblyEdition, AssemblyEdition.id == VoteItem.edition_id)
        .where(AssemblyEdition.year == period.year)
        .order_by(VoteItem.id)
        .limit(1)
    )
    if not figures:
        return None
    return sum(count(n) for n in (figures.get("electorate") or {}).values())


def assembly_section(period: Period) -> dict:
    """The assembly section (two queries, run whether or not there is an edition)."""
    row = _counts(period)
    electorate = _electorate(period)
    if row is None:
        return {"totals": dict.fromkeys(FIGURES), "breakdowns": {}}
    contributions, answers, voters = (count(v) for v in row)
    turnout = rate(voters, electorate)
    return {
        "totals": {
            "contributions": contributions,
            "questionnaire_answers": answers,
            "voters": voters,
            "electorate": electorate,
            "turnout": None if turnout is None else min(turnout, 1.0),
        },
        "breakdowns": {},
    }
