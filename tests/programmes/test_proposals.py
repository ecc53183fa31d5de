"""Proposals of dispositifs: the state machine, the emails to the proposer, publishing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.core.extensions import db
from portal.programmes import proposals, services
from portal.programmes.models import Programme, ProgrammeProposal
from portal.spaces.services import role_in
from tests import factories
from tests.programmes.conftest import ally


def _proposal(proposal_id: int) -> ProgrammeProposal:
    return proposals.load_proposal(proposal_id)


def test_a_question_waits_for_the_proposer_and_their_answer_sends_it_back(app, outbox):
    proposer = ally(locale="fr")
    admin = factories.user(role="admin")
    with app.app_context():
        made = proposals.submit_proposal(proposer, {"title": "Sobriété", "purpose": "Pour"})
        db.session.commit()
        assert services.proposals_awaiting_review_count() == 1
        proposals.ask_question(_proposal(made.id), admin, "Combien de territoires ?")
        db.session.commit()
        assert _proposal(made.id).state == "question_asked"
        assert services.proposals_awaiting_review_count() == 0
        proposals.answer(_proposal(made.id), proposer, "Dix.")
        db.session.commit()
        again = _proposal(made.id)
        assert again.state == "submitted"
        assert [m.body for m in again.messages] == ["Combien de territoires ?", "Dix."]
    (email,) = outbox(recipient=proposer.email)
    assert email["locale"] == "fr"
    assert "Combien de territoires ?" in email["body_text"]
    assert f"/dispositifs/propositions/{made.id}" in email["body_text"]


def test_a_declined_proposal_is_final_and_the_proposer_reads_why(app, outbox):
    proposer = ally()
    admin = factories.user(role="admin")
    made = factories.proposal(proposer)
    with app.app_context():
        proposals.decline(_proposal(made.id), admin, "Déjà couvert par un parcours.")
        db.session.commit()
        declined = _proposal(made.id)
        assert declined.state == "declined" and declined.decided_by_id == admin.id
        with pytest.raises(proposals.ProposalStateError):
            proposals.ask_question(declined, admin, "Encore ?")
        with pytest.raises(proposals.ProposalStateError):
            proposals.answer(declined, proposer, "Mais…")
    (email,) = outbox(recipient=proposer.email)
    assert "Déjà couvert par un parcours." in email["body_text"]


def test_publishing_can_create_a_community_facilitated_by_the_proposer(app, outbox):
    proposer = ally()
    admin = factories.user(role="admin")
    made = factories.proposal(proposer, title="Sobriété foncière")
    with app.app_context():
        proposal = _proposal(made.id)
        fields = proposals.prefill(proposal)
        assert fields["title"] == "Sobriété foncière"
        programme = services.create_programme(dict(fields, kind="learning_community"))
        space = proposals.publish(proposal, db.session.merge(admin), programme, with_community=True)
        db.session.commit()
        assert _proposal(made.id).state == "published"
        assert _proposal(made.id).programme_id == programme.id
        assert space.is_community and role_in(proposer.id, space.id) == "facilitator"
        loaded = db.session.scalar(select(Programme).where(Programme.id == programme.id))
        assert [e.space_id for e in loaded.editions] == [space.id]
        with pytest.raises(proposals.ProposalStateError):
            proposals.decline(_proposal(made.id), admin, "Trop tard")
    assert len(outbox(recipient=proposer.email)) == 1


def test_a_proposers_export_holds_their_proposals_and_deletion_withdraws_waiting_ones(app):
    from portal.programmes.personal_data import export_proposals, withdraw_open_proposals

    proposer = ally()
    waiting = factories.proposal(proposer, title="En attente")
    factories.proposal(proposer, title="Publiée", state="published")
    with app.app_context():
        proposals.answer(_proposal(waiting.id), proposer, "Précision.")
        db.session.commit()
        exported = export_proposals(proposer)
        assert [p["title"] for p in exported] == ["En attente", "Publiée"]
        assert exported[0]["messages"][0] == {
            "yours": True,
            "body": "Précision.",
            "created_at": exported[0]["messages"][0]["created_at"],
        }
        withdraw_open_proposals(proposer)
        db.session.commit()
        left = db.session.scalars(select(ProgrammeProposal.title)).all()
    assert left == ["Publiée"]
