"""Reviews, decisions (membership, emails, held and released), the export, the queries."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.programmes.calls import decisions, reviews
from portal.programmes.calls.export import export_csv
from portal.programmes.calls.models import Application, Call
from portal.programmes.calls.queries import (
    applications_of,
    open_calls_of_spaces,
    reviews_waiting_for,
)
from portal.spaces.models import Invitation, Membership
from tests import factories
from tests.calls.conftest import fresh


@pytest.fixture
def submitted(scene):
    """The organisation's submitted application, naming one person to invite."""
    return factories.application(
        scene.call,
        scene.applicant,
        organisation=scene.organisation,
        invitees="elu@example.org",
    )


def test_a_reviewer_scores_once_and_can_change_their_score(app, scene, submitted):
    with app.app_context():
        application = fresh(Application, submitted)
        reviews.save_review(application, fresh(User, scene.facilitator), 3, "Bien", utcnow())
        reviews.save_review(application, fresh(User, scene.facilitator), 5, "Très bien", utcnow())
        db.session.commit()
        found = reviews.review_of(application, fresh(User, scene.facilitator))
        assert (found.score, found.comment) == (5, "Très bien")
        assert len(application.reviews) == 1


def test_a_reviewer_who_signed_for_the_organisation_cannot_review_it(app, scene, submitted):
    factories.membership(scene.cohort, scene.colleague, role="facilitator")
    with app.app_context():
        with pytest.raises(reviews.ConflictOfInterest):
            reviews.save_review(
                fresh(Application, submitted), fresh(User, scene.colleague), 4, "", utcnow()
            )


def test_a_draft_is_not_reviewed(app, scene):
    person = factories.user()
    factories.signature(signer=person)
    draft = factories.application(scene.call, person, state="draft")
    with app.app_context():
        with pytest.raises(reviews.ReviewRefused):
            reviews.save_review(
                fresh(Application, draft), fresh(User, scene.facilitator), 4, "", utcnow()
            )


def test_acceptance_makes_the_applicant_a_member_and_emails_them(app, scene, submitted, outbox):
    with app.app_context():
        assert decisions.decide(
            submitted.id, fresh(User, scene.facilitator), "accepted", "Bienvenue !", utcnow()
        )
        db.session.commit()
        assert (
            db.session.scalar(
                select(func.count(Membership.id)).where(
                    Membership.space_id == scene.cohort.id,
                    Membership.user_id == scene.applicant.id,
                )
            )
            == 1
        )
        # Deciding the same again changes nothing and emails nobody twice.
        assert not decisions.decide(
            submitted.id, fresh(User, scene.facilitator), "accepted", "Bienvenue !", utcnow()
        )
        invited = db.session.scalars(select(Invitation.email)).all()
    assert invited == ["elu@example.org"]
    emails = outbox(dedupe_key=f"calls-decision:{submitted.id}:accepted")
    assert len(emails) == 1 and emails[0]["recipient"] == scene.applicant.email
    assert "Bienvenue !" in emails[0]["body_text"]


def test_held_decisions_wait_for_the_release(app, scene, submitted, outbox):
    with app.app_context():
        call = fresh(Call, scene.call)
        call.holds_decisions = True
        db.session.commit()
        decisions.decide(submitted.id, fresh(User, scene.facilitator), "declined", "", utcnow())
        db.session.commit()
        assert fresh(Application, submitted).shown_state == "submitted"
        assert outbox() == []
        assert decisions.release(fresh(Call, scene.call), None, utcnow()) == 1
        db.session.commit()
        assert fresh(Application, submitted).shown_state == "declined"
        assert decisions.release(fresh(Call, scene.call), None, utcnow()) == 0
    assert len(outbox()) == 1


def members_of_cohort(scene) -> int:
    """How many memberships the applicant has in the scene's cohort."""
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.space_id == scene.cohort.id, Membership.user_id == scene.applicant.id
        )
    )


def test_a_held_acceptance_makes_a_member_only_when_released(app, scene, submitted, outbox):
    with app.app_context():
        fresh(Call, scene.call).holds_decisions = True
        db.session.commit()
        decisions.decide(submitted.id, fresh(User, scene.facilitator), "accepted", "", utcnow())
        db.session.commit()
        assert members_of_cohort(scene) == 0  # not told yet: not a member yet
        assert decisions.release(fresh(Call, scene.call), None, utcnow()) == 1
        db.session.commit()
        assert members_of_cohort(scene) == 1
    assert len(outbox(dedupe_key=f"calls-decision:{submitted.id}:accepted")) == 1


def test_a_held_acceptance_changed_to_a_refusal_makes_no_member(app, scene, submitted):
    with app.app_context():
        fresh(Call, scene.call).holds_decisions = True
        db.session.commit()
        facilitator = fresh(User, scene.facilitator)
        decisions.decide(submitted.id, facilitator, "accepted", "", utcnow())
        decisions.decide(submitted.id, facilitator, "declined", "Pas cette année.", utcnow())
        decisions.release(fresh(Call, scene.call), None, utcnow())
        db.session.commit()
        assert members_of_cohort(scene) == 0


def test_only_submitted_applications_are_decided(app, scene):
    person = factories.user()
    draft = factories.application(scene.call, person, state="draft")
    with app.app_context():
        with pytest.raises(decisions.DecisionRefused):
            decisions.decide(draft.id, None, "accepted", "", utcnow())
        with pytest.raises(decisions.DecisionRefused):
            decisions.decide(draft.id, None, "maybe", "", utcnow())


def test_the_export_has_a_column_per_question_and_defuses_formulas(app, scene):
    factories.application(
        scene.call,
        scene.applicant,
        organisation=scene.organisation,
        territory='=HYPERLINK("http://evil")',
    )
    with app.test_request_context():
        text = "".join(export_csv(fresh(Call, scene.call)))
    header, row = text.lstrip("\ufeff").splitlines()[:2]
    for label, *_ in factories.CALL_QUESTIONS:
        assert label in header
    assert "'=HYPERLINK" in row
    assert "Energy | Food" in row


def test_queries_for_the_home(app, scene, submitted):
    other = factories.space()
    factories.call_for(other, opens_in_days=2)
    with app.app_context():
        ids = open_calls_of_spaces([scene.cohort.id, other.id], utcnow())
        assert ids == {scene.cohort.id: scene.call.id}
        mine = applications_of(fresh(User, scene.applicant))
        assert [a.id for a in mine] == [submitted.id]
        assert mine[0].call.space.title == scene.cohort.title
        assert reviews_waiting_for(fresh(User, scene.facilitator)) == 1
        assert reviews_waiting_for(fresh(User, scene.admin)) == 1
        assert reviews_waiting_for(fresh(User, scene.applicant)) == 0
        reviews.save_review(
            fresh(Application, submitted), fresh(User, scene.facilitator), 4, "", utcnow()
        )
        db.session.commit()
        assert reviews_waiting_for(fresh(User, scene.facilitator)) == 0
