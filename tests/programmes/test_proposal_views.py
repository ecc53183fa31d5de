"""Proposing a dispositif on the portal: who may, the exchange, publishing and declining."""

from __future__ import annotations

from sqlalchemy import select

from portal.core.extensions import db
from portal.programmes.models import Programme, ProgrammeProposal
from portal.spaces.models import Space
from portal.spaces.services import role_in
from tests import factories
from tests.programmes.conftest import ally

PROPOSAL = {
    "title": "Sobriété foncière",
    "purpose": "Atteindre le zéro artificialisation nette.",
    "audience": "Communes rurales.",
    "format": "Six séances.",
    "runners": "Notre association.",
}


def _proposal(app) -> ProgrammeProposal:
    with app.app_context():
        return db.session.scalar(select(ProgrammeProposal))


def test_only_allies_who_signed_propose_a_dispositif(viewer):
    assert viewer(None).get("/dispositifs/proposer").status_code == 302  # log in first
    unsigned = viewer(factories.user())
    refused = unsigned.get("/dispositifs/proposer")
    assert refused.status_code == 403
    assert 'href="/charter"' in refused.get_data(as_text=True)
    assert unsigned.post("/dispositifs/proposer", data=PROPOSAL).status_code == 403
    unconfirmed = ally(confirmed=False)
    assert viewer(unconfirmed).get("/dispositifs/proposer").status_code == 403


def test_an_ally_proposes_and_answers_the_question_asked_back(app, viewer, outbox):
    proposer = ally(locale="en")
    client = viewer(proposer)
    answer = client.post("/dispositifs/proposer", data=dict(PROPOSAL, purpose=""))
    assert "Say what it is for." in answer.get_data(as_text=True)
    answer = client.post("/dispositifs/proposer", data=PROPOSAL)
    proposal = _proposal(app)
    assert answer.headers["Location"] == f"/dispositifs/propositions/{proposal.id}"
    assert proposal.state == "submitted" and proposal.proposer_id == proposer.id

    admin = viewer(factories.user(role="admin"))
    queue = admin.get("/dispositifs/propositions").get_data(as_text=True)
    assert "Sobriété foncière" in queue and "1 proposal." in queue
    admin.post(
        f"/dispositifs/propositions/{proposal.id}/message", data={"body": "Combien de communes ?"}
    )
    assert _proposal(app).state == "question_asked"
    (email,) = outbox(recipient=proposer.email)
    assert email["locale"] == "en" and "Combien de communes ?" in email["body_text"]

    page = client.get(f"/dispositifs/propositions/{proposal.id}").get_data(as_text=True)
    assert "Combien de communes ?" in page and "Send my answer" in page
    client.post(f"/dispositifs/propositions/{proposal.id}/message", data={"body": "Douze."})
    assert _proposal(app).state == "submitted"
    # The proposer decides nothing; a stranger does not even see it.
    decline = f"/dispositifs/propositions/{proposal.id}/refuser"
    assert client.post(decline, data={"reason": "Non"}).status_code == 403
    assert client.get("/dispositifs/propositions").status_code == 403
    stranger = viewer(ally())
    assert stranger.get(f"/dispositifs/propositions/{proposal.id}").status_code == 404


def test_an_admin_publishes_a_proposal_with_a_community_for_its_proposer(app, viewer, outbox):
    proposer = ally()
    proposal = factories.proposal(proposer, **PROPOSAL)
    admin = viewer(factories.user(role="admin"))
    form = admin.get(f"/dispositifs/nouveau?proposition={proposal.id}").get_data(as_text=True)
    assert 'value="Sobriété foncière"' in form and 'name="with_community"' in form
    answer = admin.post(
        f"/dispositifs/nouveau?proposition={proposal.id}",
        data={
            "title": "Sobriété foncière",
            "summary": "Un parcours.",
            "kind": "learning_community",
            "with_community": "y",
        },
    )
    assert answer.headers["Location"] == "/dispositifs/sobriete-fonciere"
    with app.app_context():
        programme = db.session.scalar(select(Programme))
        space = db.session.scalar(select(Space))
        assert space.is_community and role_in(proposer.id, space.id) == "facilitator"
        assert [e.space_id for e in programme.editions] == [space.id]
    assert _proposal(app).state == "published"
    assert len(outbox(recipient=proposer.email)) == 1
    # Published: it cannot be published twice.
    assert admin.get(f"/dispositifs/nouveau?proposition={proposal.id}").status_code == 403
    assert admin.get("/dispositifs/nouveau?proposition=x").status_code == 404


def test_an_admin_declines_a_proposal_with_a_reason_the_proposer_reads(app, viewer, outbox):
    proposer = ally()
    proposal = factories.proposal(proposer)
    admin = viewer(factories.user(role="admin"))
    url = f"/dispositifs/propositions/{proposal.id}/refuser"
    assert "Give the reason." in admin.post(url, data={"reason": " "}).get_data(as_text=True)
    assert _proposal(app).state == "submitted"
    admin.post(url, data={"reason": "Un parcours proche existe déjà."})
    assert _proposal(app).state == "declined"
    (email,) = outbox(recipient=proposer.email)
    assert "Un parcours proche existe déjà." in email["body_text"]
    page = viewer(proposer).get(f"/dispositifs/propositions/{proposal.id}")
    assert "Un parcours proche existe déjà." in page.get_data(as_text=True)
    assert admin.post(url, data={"reason": "Encore"}).status_code == 403
