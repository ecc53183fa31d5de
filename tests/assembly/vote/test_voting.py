"""Casting ballots: one per voice, organisations' voices, proxies, phases, elections."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.assembly.vote import ballots, preparation
from portal.assembly.vote.models import Ballot, Participation
from portal.assembly.vote.voices import organisation_key, person_key, voices_of
from portal.core.db import utcnow
from portal.core.extensions import db
from tests import factories
from tests.assembly.vote.helpers import build


def _load(cast):
    """The cast's objects attached to the session."""
    from portal.assembly.models import AssemblyEdition
    from portal.assembly.vote.models import VoteItem

    return (
        db.session.get(AssemblyEdition, cast.edition.id),
        db.session.get(VoteItem, cast.motion.id),
        db.session.get(VoteItem, cast.election.id),
    )


def _person(cast, name):
    return db.session.get(User, cast.people[name].id)


def test_each_persona_has_the_voices_the_charter_gives(app, ctx):
    cast = build()
    edition, _motion, _election = _load(cast)
    keys = {
        name: [v.key for v in voices_of(_person(cast, name), edition.id)]
        for name in cast.people
        if name != "anonymous"
    }
    assert keys["ally"] == []
    assert keys["admin"] == []
    assert keys["individual"] == [person_key(cast.people["individual"].id)]
    assert keys["signatory"] == [organisation_key(cast.organisation.id)]
    assert keys["second"] == [organisation_key(cast.organisation.id)]
    # The holder votes for their organisation and for the proxy it holds.
    assert len(keys["holder"]) == 2
    assert keys["holder"][0] == organisation_key(cast.other_organisation.id)


def test_the_first_signatory_casts_the_organisations_voice_and_the_second_cannot(app, ctx):
    cast = build()
    edition, motion, _election = _load(cast)
    key = organisation_key(cast.organisation.id)
    receipt = ballots.cast(edition, motion, _person(cast, "signatory"), key, ["pour"], utcnow())
    db.session.commit()
    assert len(receipt.code) == 19
    with pytest.raises(ballots.VoteError, match="already been cast"):
        ballots.cast(edition, motion, _person(cast, "second"), key, ["contre"], utcnow())
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1
    done = ballots.cast_voices([motion.id], [key])
    assert done[(motion.id, key)].cast_by_id == cast.people["signatory"].id


def test_a_proxy_holder_casts_their_own_voice_and_the_proxy_separately(app, ctx):
    cast = build()
    edition, motion, _election = _load(cast)
    holder = _person(cast, "holder")
    for voice in voices_of(holder, edition.id):
        ballots.cast(edition, motion, holder, voice.key, ["contre"], utcnow())
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 2
    assert db.session.scalar(select(func.count()).select_from(Participation)) == 2


@pytest.mark.parametrize("name", ["ally", "admin", "second"])
def test_nobody_casts_a_voice_that_is_not_theirs(app, ctx, name):
    cast = build()
    edition, motion, _election = _load(cast)
    with pytest.raises(ballots.VoteError, match="cannot cast"):
        ballots.cast(
            edition,
            motion,
            _person(cast, name),
            person_key(cast.people["individual"].id),
            ["pour"],
            utcnow(),
        )


@pytest.mark.parametrize("phase", ["evaluation", "results"])
def test_ballots_are_refused_outside_the_vote(app, ctx, phase):
    cast = build(phase)
    edition, motion, _election = _load(cast)
    with pytest.raises(ballots.VoteError, match="not open"):
        ballots.cast(
            edition,
            motion,
            _person(cast, "individual"),
            person_key(cast.people["individual"].id),
            ["pour"],
            utcnow(),
        )


def test_the_vote_closes_by_the_clock(app, ctx):
    cast = build()
    edition, motion, _election = _load(cast)
    key = person_key(cast.people["individual"].id)
    with pytest.raises(ballots.VoteError, match="not open"):
        ballots.cast(
            edition, motion, _person(cast, "individual"), key, ["pour"], edition.vote_closes_at
        )
    ballots.cast(
        edition,
        motion,
        _person(cast, "individual"),
        key,
        ["pour"],
        edition.vote_closes_at - timedelta(seconds=1),
    )


@pytest.mark.parametrize("choice", [[], ["oui"], ["pour", "contre"]])
def test_a_motion_takes_pour_contre_or_abstention(app, ctx, choice):
    cast = build()
    edition, motion, _election = _load(cast)
    with pytest.raises(ballots.VoteError):
        ballots.cast(
            edition,
            motion,
            _person(cast, "individual"),
            person_key(cast.people["individual"].id),
            choice,
            utcnow(),
        )


def test_an_election_takes_up_to_its_seats_among_accepted_candidates(app, ctx):
    cast = build()
    edition, _motion, election = _load(cast)
    ids = [str(c.id) for c in election.candidacies]
    refused = factories.candidacy(election, factories.user(), status="pending")
    voter = _person(cast, "individual")
    key = person_key(voter.id)
    with pytest.raises(ballots.VoteError, match="among the candidates"):
        ballots.cast(edition, election, voter, key, [str(refused.id)], utcnow())
    db.session.expire_all()
    edition, _motion, election = _load(cast)
    extra = factories.candidacy(election, factories.user())
    db.session.expire_all()
    edition, _motion, election = _load(cast)
    with pytest.raises(ballots.VoteError, match="at most 2"):
        ballots.cast(edition, election, voter, key, [*ids, str(extra.id)], utcnow())
    ballots.cast(edition, election, voter, key, ids, utcnow())
    db.session.commit()
    assert db.session.scalar(select(Ballot.choice)) == ",".join(sorted(ids, key=int))


def test_proxies_are_given_before_the_vote_and_at_most_two_per_holder(app, ctx):
    cast = build("evaluation")
    edition, _motion, _election = _load(cast)
    holder = cast.other_organisation  # already holds one proxy
    givers = []
    for _ in range(2):
        organisation = factories.organisation()
        signer = factories.user()
        factories.signature(signer=signer, organisation=organisation)
        givers.append((organisation, signer))
    (first, first_signer), (second, second_signer) = givers
    preparation.give_proxy(
        edition, db.session.get(User, first_signer.id), first.id, holder.id, utcnow()
    )
    db.session.commit()
    with pytest.raises(ballots.VoteError, match="two proxies"):
        preparation.give_proxy(
            edition, db.session.get(User, second_signer.id), second.id, holder.id, utcnow()
        )
    db.session.rollback()
    with pytest.raises(ballots.VoteError, match="signed for"):
        preparation.give_proxy(
            edition, _person(cast, "ally"), second.id, cast.organisation.id, utcnow()
        )


def test_proxies_cannot_be_given_once_the_vote_has_opened(app, ctx):
    cast = build()
    edition, _motion, _election = _load(cast)
    with pytest.raises(ballots.VoteError, match="has opened"):
        preparation.give_proxy(
            edition,
            _person(cast, "signatory"),
            cast.organisation.id,
            cast.other_organisation.id,
            utcnow(),
        )


def test_an_organisation_that_gave_its_proxy_no_longer_votes_itself(app, ctx):
    cast = build()
    edition, _motion, _election = _load(cast)
    factories.vote_proxy(edition, cast.organisation, factories.ally())
    assert voices_of(_person(cast, "signatory"), edition.id) == []
