"""The assembly's figures: its edition of the year, contributions, questionnaire answers,
voters (distinct voices) and the turnout over the electorate frozen with the results."""

from __future__ import annotations

from portal.assembly.vote.models import Participation, VoteResult
from tests import factories
from tests.reports.helpers import section


def voted(item, voice_key, college="organisations"):
    """A participation of `voice_key` on `item` (nothing of the choice)."""
    with factories.context():
        factories.save(Participation(item_id=item.id, voice_key=voice_key, college=college))


def frozen(item, organisations, individuals):
    """Results of `item` frozen with this electorate."""
    electorate = {"organisations": organisations, "individuals": individuals}
    with factories.context():
        factories.save(VoteResult(item_id=item.id, figures={"electorate": electorate}))


def test_an_edition_counts_contributions_answers_voters_and_turnout():
    edition = factories.assembly_edition(2025)
    other = factories.assembly_edition(2024)
    author = factories.signed_ally()
    for _ in range(3):
        factories.contribution(edition, author)
    factories.contribution(other, author)
    factories.questionnaire_response(edition, factories.user(), {})
    factories.questionnaire_response(edition, factories.user(), {})
    factories.questionnaire_response(other, factories.user(), {})
    motion, election = factories.vote_item(edition), factories.vote_item(edition)
    voted(motion, "organisation:1")
    voted(election, "organisation:1")
    voted(motion, "organisation:2")
    voted(motion, "person:7", college="individuals")
    voted(factories.vote_item(other), "organisation:3")
    frozen(motion, organisations=6, individuals=2)
    frozen(election, organisations=6, individuals=2)

    assert section("assembly")["totals"] == {
        "contributions": 3,
        "questionnaire_answers": 2,
        "voters": 3,
        "electorate": 8,
        "turnout": 0.375,
    }


def test_turnout_waits_for_the_frozen_results():
    edition = factories.assembly_edition(2025)
    voted(factories.vote_item(edition), "organisation:1")

    totals = section("assembly")["totals"]

    assert (totals["voters"], totals["electorate"], totals["turnout"]) == (1, None, None)
    assert totals["contributions"] == 0


def test_a_year_without_an_edition_has_no_assembly_figures():
    factories.assembly_edition(2024)

    assert set(section("assembly")["totals"].values()) == {None}
