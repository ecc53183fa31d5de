"""Results frozen once at the close and adding up; ballots that lead to no voter; receipts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, inspect, select

from portal.accounts.models import User
from portal.assembly.models import AssemblyEdition
from portal.assembly.vote import ballots, results
from portal.assembly.vote.models import Ballot, Participation, VoteItem, VoteResult
from portal.assembly.vote.voices import voices_of
from portal.core.db import utcnow
from portal.core.extensions import db
from tests import factories
from tests.assembly.vote.helpers import build


def _everyone_votes(cast, choice="pour"):
    """Every persona casts every voice they have on the motion; the receipts by voter."""
    edition = db.session.get(AssemblyEdition, cast.edition.id)
    motion = db.session.get(VoteItem, cast.motion.id)
    receipts = {}
    for name, person in cast.people.items():
        if person is None:
            continue
        user = db.session.get(User, person.id)
        for voice in voices_of(user, edition.id):
            try:
                receipt = ballots.cast(edition, motion, user, voice.key, [choice], utcnow())
            except ballots.VoteError:
                continue  # the second signatory finds the voice cast
            receipts.setdefault(name, []).append(receipt.code)
    db.session.commit()
    return receipts


def _close(edition_id):
    """Move the edition's vote into the past."""
    edition = db.session.get(AssemblyEdition, edition_id)
    edition.vote_opens_at = utcnow() - timedelta(days=3)
    edition.vote_closes_at = utcnow() - timedelta(days=1)
    db.session.commit()
    return edition


def test_no_column_of_the_ballot_box_leads_to_a_voter(app, ctx):
    columns = {c["name"] for c in inspect(db.engine).get_columns("vote_ballots")}
    assert columns == {"id", "item_id", "college", "choice", "receipt_hash"}
    for column in columns:
        assert not any(word in column for word in ("user", "organisation", "voter", "_at", "time"))
    keys = inspect(db.engine).get_foreign_keys("vote_ballots")
    assert [k["referred_table"] for k in keys] == ["vote_items"]


def test_ballot_keys_do_not_follow_the_order_of_voting(app, ctx):
    edition = factories.assembly_edition(phase="vote")
    motion = factories.vote_item(edition)
    voters = []
    for _ in range(12):
        person = factories.user()
        factories.signature(signer=person)
        voters.append(person)
    edition = db.session.get(AssemblyEdition, edition.id)
    motion = db.session.get(VoteItem, motion.id)
    order = []
    for person in voters:
        user = db.session.get(User, person.id)
        ballots.cast(edition, motion, user, voices_of(user, edition.id)[0].key, ["pour"], utcnow())
        db.session.flush()
        known = set(order)
        order += [k for k in db.session.scalars(select(Ballot.id)) if k not in known]
    db.session.commit()
    assert len(set(order)) == 12
    # Random keys: sorting them (what a reader of the table would do) loses the voting order.
    assert sorted(order) != order
    assert all(len(key) == 32 for key in order)


def test_results_add_up_and_are_frozen_once(app, ctx):
    cast = build()
    _everyone_votes(cast)
    edition = db.session.get(AssemblyEdition, cast.edition.id)
    assert results.frozen_results(edition, utcnow()) is None  # not before the close
    edition = _close(cast.edition.id)
    frozen = results.frozen_results(edition, utcnow())
    db.session.commit()
    figures = frozen[cast.motion.id].figures
    # Signatory (their organisation), holder (own + proxy), individual: 3 + 1 voices.
    assert figures["voted"] == {"organisations": 3, "individuals": 1}
    assert figures["ballots"] == figures["voted"]
    assert figures["choices"]["pour"]["organisations"] == 3
    assert figures["choices"]["pour"]["individuals"] == 1
    assert figures["choices"]["pour"]["weighted"] == 3 + 10  # the college weighs 10
    assert figures["electorate"]["organisations"] >= 3
    # A later ballot (impossible now) or a second read changes nothing.
    again = results.frozen_results(edition, utcnow() + timedelta(days=1))
    assert again[cast.motion.id].id == frozen[cast.motion.id].id
    assert db.session.scalar(select(func.count()).select_from(VoteResult)) == 2


def test_the_quorum_is_reported_with_the_turnout(app, ctx):
    cast = build()
    for _ in range(20):
        factories.ally()  # organisations that will not vote
    _everyone_votes(cast)
    edition = _close(cast.edition.id)
    result = results.frozen_results(edition, utcnow())[cast.motion.id]
    assert not result.quorum_met
    assert result.figures["quorum_percent"] == 25


@pytest.mark.parametrize("choice", ["pour", "contre", "abstention"])
def test_receipts_verify_after_the_close(app, ctx, choice):
    cast = build()
    codes = _everyone_votes(cast, choice)
    edition = db.session.get(AssemblyEdition, cast.edition.id)
    with pytest.raises(ballots.VoteError, match="once the vote has closed"):
        ballots.find_receipt(edition, codes["individual"][0], utcnow())
    edition = _close(cast.edition.id)
    for code in codes["holder"] + codes["individual"]:
        found = ballots.find_receipt(edition, code.lower().replace("-", " "), utcnow())
        assert found is not None and found.choice == choice
    assert ballots.find_receipt(edition, "AAAA-BBBB-CCCC-DDDD", utcnow()) is None


def test_participations_say_who_voted_and_never_what(app, ctx):
    cast = build()
    _everyone_votes(cast)
    columns = {c["name"] for c in inspect(db.engine).get_columns("vote_participations")}
    assert "choice" not in columns and "ballot_id" not in columns
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 4


def test_the_schedulers_freeze_a_closed_vote_once(app, ctx):
    from portal.notifications.schedulers import run_schedulers

    cast = build()
    _everyone_votes(cast)
    assert run_schedulers(utcnow())["vote-results"] == 0
    _close(cast.edition.id)
    assert run_schedulers(utcnow())["vote-results"] == 2
    assert run_schedulers(utcnow())["vote-results"] == 0
    assert db.session.scalar(select(func.count()).select_from(VoteResult)) == 2
