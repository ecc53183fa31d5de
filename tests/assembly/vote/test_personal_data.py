"""The vote in a person's data export: voices cast but never how; candidacies."""

from __future__ import annotations

from portal.accounts.models import User
from portal.assembly.models import AssemblyEdition
from portal.assembly.vote import ballots
from portal.assembly.vote.models import VoteItem
from portal.assembly.vote.personal_data import export_vote, withdraw_waiting_candidacies
from portal.assembly.vote.voices import person_key
from portal.core.db import utcnow
from portal.core.extensions import db
from tests import factories
from tests.assembly.vote.helpers import build


def test_the_export_lists_voices_cast_without_choices(app, ctx):
    cast = build()
    user = db.session.get(User, cast.people["individual"].id)
    ballots.cast(
        db.session.get(AssemblyEdition, cast.edition.id),
        db.session.get(VoteItem, cast.motion.id),
        user,
        person_key(user.id),
        ["contre"],
        utcnow(),
    )
    db.session.commit()
    exported = export_vote(user)
    assert [v["question"] for v in exported["voices_cast"]] == ["Adopt the orientations"]
    assert "contre" not in repr(exported)


def test_erasure_withdraws_waiting_candidacies_only(app, ctx):
    cast = build("evaluation")
    person = factories.user()
    election = db.session.get(VoteItem, cast.election.id)
    factories.candidacy(election, person, status="pending")
    user = db.session.get(User, person.id)
    assert len(export_vote(user)["candidacies"]) == 1
    withdraw_waiting_candidacies(user)
    db.session.commit()
    assert export_vote(user)["candidacies"] == []
