"""Correcting the ballot before the vote, and telling candidates the decision."""

from __future__ import annotations

from sqlalchemy import select

from portal.assembly.vote.models import Candidacy, VoteItem
from portal.core.extensions import db
from tests.assembly.vote.helpers import build
from tests.helpers import post_form


def _edit(client, cast, item, **fields):
    data = {"kind": item.kind, "topic": "resolution", "title": item.title, "seats": "1"}
    data.update(fields)
    return post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/preparer/{item.id}/modifier",
        data,
        follow_redirects=True,
    )


def _item(app, item_id) -> VoteItem:
    with app.app_context():
        item = db.session.get(VoteItem, item_id)
        db.session.expunge(item)
        return item


def test_an_admin_corrects_a_motion_before_the_vote(app, client, login):
    cast = build("evaluation")
    login(client, cast.people["admin"])
    page = client.get(f"/assemblee/{cast.edition.year}/vote/preparer").get_data(as_text=True)
    assert f"/vote/preparer/{cast.motion.id}/modifier" in page
    response = _edit(
        client, cast, cast.motion, title="Adopt the orientations 2027", text="Le texte amendé."
    )
    assert "The ballot is updated." in response.get_data(as_text=True)
    item = _item(app, cast.motion.id)
    assert (item.title, item.text) == ("Adopt the orientations 2027", "Le texte amendé.")


def test_a_title_is_required_and_nothing_is_lost(app, client, login):
    cast = build("evaluation")
    login(client, cast.people["admin"])
    response = _edit(client, cast, cast.motion, title="  ")
    assert response.status_code == 200
    assert "Give a title." in response.get_data(as_text=True)
    assert _item(app, cast.motion.id).title == "Adopt the orientations"


def test_an_election_with_candidacies_cannot_become_a_motion(app, client, login):
    cast = build("evaluation")
    login(client, cast.people["admin"])
    response = _edit(client, cast, cast.election, kind="motion", seats="2")
    assert "cannot become a motion" in response.get_data(as_text=True)
    assert _item(app, cast.election.id).kind == "election"


def test_the_ballot_cannot_be_corrected_once_the_vote_opened(app, client, login):
    cast = build("vote")
    login(client, cast.people["admin"])
    response = _edit(client, cast, cast.motion, title="Late change")
    assert "can no longer change" in response.get_data(as_text=True)
    assert _item(app, cast.motion.id).title == "Adopt the orientations"


def test_an_unknown_item_is_not_found(client, login):
    cast = build("evaluation")
    login(client, cast.people["admin"])
    assert (
        client.get(f"/assemblee/{cast.edition.year}/vote/preparer/99999/modifier").status_code
        == 404
    )


def test_the_candidate_is_told_each_decision_once(app, client, login, outbox):
    cast = build("evaluation")
    login(client, cast.people["admin"])
    with app.app_context():
        candidacy = db.session.scalars(select(Candidacy).order_by(Candidacy.id)).first()
        candidacy_id = candidacy.id
    url = f"/assemblee/{cast.edition.year}/vote/preparer/candidatures/{candidacy_id}"
    post_form(client, url, {"decision": "refuse"})
    post_form(client, url, {"decision": "refuse"})
    post_form(client, url, {"decision": "accept"})
    mails = outbox(template="assembly/candidacy_decided")
    assert [m["subject"] for m in mails] == [
        "Your candidacy was not retained",
        "Your candidacy is on the ballot",
    ]
    assert "Board" in mails[1]["body_text"]
