"""One ballot per voice holds when every signatory of an organisation votes at the same moment.

Each thread has its own app context, hence its own database session and connection; a
barrier releases them together (as in tests/meetings/test_concurrency.py).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.assembly.models import AssemblyEdition
from portal.assembly.vote import ballots, results
from portal.assembly.vote.models import Ballot, Participation, VoteItem, VoteResult
from portal.assembly.vote.voices import organisation_key, voices_of
from portal.core.db import utcnow
from portal.core.extensions import db
from tests import factories

pytestmark = pytest.mark.postgres_only


def run_together(app, action, arguments) -> list[BaseException]:
    """Call `action(argument)` in one thread per argument, all released at once; return the
    VoteErrors (refusals) and re-raise anything else."""
    barrier = threading.Barrier(len(arguments))
    refusals: list[BaseException] = []
    errors: list[BaseException] = []

    def work(argument):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                action(argument)
                db.session.commit()
            except ballots.VoteError as refusal:
                db.session.rollback()
                refusals.append(refusal)
            except BaseException as error:  # noqa: BLE001 - reported to the test below
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return refusals


def test_fifty_signatories_of_ten_organisations_cast_exactly_ten_ballots(app):
    edition = factories.assembly_edition(phase="vote")
    motion = factories.vote_item(edition)
    pairs = []
    for n in range(10):
        organisation = factories.organisation(name=f"Rush organisation {n}")
        # Five co-signatories of the same charter version per organisation.
        for _ in range(5):
            person = factories.user()
            factories.signature(signer=person, organisation=organisation)
            pairs.append((person.id, organisation.id))

    def vote(pair):
        user_id, organisation_id = pair
        ballots.cast(
            db.session.get(AssemblyEdition, edition.id),
            db.session.get(VoteItem, motion.id),
            db.session.get(User, user_id),
            organisation_key(organisation_id),
            ["pour"],
            utcnow(),
        )

    refusals = run_together(app, vote, pairs)
    assert len(refusals) == 40
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Ballot)) == 10
        keys = list(db.session.scalars(select(Participation.voice_key)))
        assert sorted(keys) == sorted({organisation_key(o) for _u, o in pairs})


def test_a_proxy_holder_voting_from_several_tabs_casts_their_own_voice_and_proxies_once(app):
    edition = factories.assembly_edition(phase="vote")
    motion = factories.vote_item(edition)
    holder = factories.organisation()
    people = [factories.user() for _ in range(3)]
    for person in people:
        factories.signature(signer=person, organisation=holder)
    for _ in range(2):
        factories.vote_proxy(edition, factories.ally(), holder)
    with app.app_context():
        voices = [v.key for v in voices_of(db.session.get(User, people[0].id), edition.id)]
    assert len(voices) == 3
    attempts = [(person.id, key) for person in people for key in voices] * 2

    def vote(attempt):
        user_id, key = attempt
        ballots.cast(
            db.session.get(AssemblyEdition, edition.id),
            db.session.get(VoteItem, motion.id),
            db.session.get(User, user_id),
            key,
            ["contre"],
            utcnow(),
        )

    refusals = run_together(app, vote, attempts)
    assert len(refusals) == len(attempts) - 3
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Ballot)) == 3
        assert db.session.scalar(select(func.count()).select_from(Participation)) == 3


def test_results_frozen_by_many_readers_at_once_are_one_row_that_adds_up(app):
    edition = factories.assembly_edition(phase="vote")
    motion = factories.vote_item(edition)
    voters = []
    for _ in range(6):
        person = factories.user()
        factories.signature(signer=person, organisation=factories.organisation())
        voters.append(person.id)

    def vote(user_id):
        user = db.session.get(User, user_id)
        ballots.cast(
            db.session.get(AssemblyEdition, edition.id),
            db.session.get(VoteItem, motion.id),
            user,
            voices_of(user, edition.id)[0].key,
            ["abstention"],
            utcnow(),
        )

    run_together(app, vote, voters)
    with app.app_context():
        closed = db.session.get(AssemblyEdition, edition.id)
        closed.vote_closes_at = utcnow()
        db.session.commit()

    def read(_n):
        results.frozen_results(db.session.get(AssemblyEdition, edition.id), utcnow())

    run_together(app, read, list(range(8)))
    with app.app_context():
        rows = list(db.session.scalars(select(VoteResult)))
        assert len(rows) == 1
        figures = rows[0].figures
        assert figures["voted"]["organisations"] == figures["ballots"]["organisations"] == 6
        assert figures["choices"]["abstention"]["organisations"] == 6


def test_five_organisations_giving_their_proxy_to_one_holder_at_once_leave_it_two(app):
    from portal.assembly.vote import preparation
    from portal.assembly.vote.models import Proxy

    edition = factories.assembly_edition(phase="evaluation")
    holder = factories.ally()
    givers = []
    for _ in range(5):
        organisation = factories.organisation()
        person = factories.user()
        factories.signature(signer=person, organisation=organisation)
        givers.append((person.id, organisation.id))

    def give(pair):
        user_id, organisation_id = pair
        preparation.give_proxy(
            db.session.get(AssemblyEdition, edition.id),
            db.session.get(User, user_id),
            organisation_id,
            holder.id,
            utcnow(),
        )

    refusals = run_together(app, give, givers)
    assert len(refusals) == 3
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Proxy)) == 2
