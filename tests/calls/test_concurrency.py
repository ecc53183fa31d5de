"""Two requests at once: one application per organisation, one membership per acceptance.

Each thread has its own app context, hence its own database session and connection;
a barrier releases them together (as in tests/meetings/test_concurrency.py).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.programmes.calls import applications, decisions
from portal.programmes.calls.models import Application, Call
from portal.spaces.models import Membership
from tests import factories


def run_together(app, action, arguments) -> list:
    """Call `action(argument)` in one thread per argument, released at once; their outcomes."""
    barrier = threading.Barrier(len(arguments))
    outcomes: list = []

    def work(argument):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                outcomes.append(action(argument))
                db.session.commit()
            except BaseException as error:  # noqa: BLE001 - reported to the test
                db.session.rollback()
                outcomes.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.postgres_only
def test_two_submissions_at_once_for_one_organisation_make_one_application(app, scene):
    def apply_and_submit(user_id):
        call = db.session.get(Call, scene.call.id)
        application = applications.start_application(
            call, db.session.get(User, user_id), scene.organisation.id, utcnow()
        )
        answers = {
            q.field_name: v for q, v in zip(call.questions, factories.CALL_ANSWERS, strict=False)
        }
        applications.save_draft(
            application, answers=answers, territory="Le Mené", invitees="", now=utcnow()
        )
        applications.submit(application, utcnow())
        return application.id

    outcomes = run_together(app, apply_and_submit, [scene.applicant.id, scene.colleague.id])
    assert sum(isinstance(o, int) for o in outcomes) == 1
    assert sum(isinstance(o, applications.AlreadyApplied) for o in outcomes) == 1
    with app.app_context():
        rows = db.session.scalars(select(Application)).all()
        assert len(rows) == 1 and rows[0].state == "submitted"


@pytest.mark.postgres_only
def test_the_same_person_submitting_twice_at_once_submits_once(app, scene):
    draft = factories.application(
        scene.call, scene.applicant, organisation=scene.organisation, state="draft"
    )

    def submit(_):
        applications.submit(db.session.get(Application, draft.id), utcnow())
        return "submitted"

    outcomes = run_together(app, submit, [1, 2])
    assert outcomes.count("submitted") == 1
    assert sum(isinstance(o, applications.NotADraft) for o in outcomes) == 1


@pytest.mark.postgres_only
def test_acceptance_posted_twice_at_once_creates_one_membership(app, scene, outbox):
    submitted = factories.application(scene.call, scene.applicant, organisation=scene.organisation)

    def accept(_):
        return decisions.decide(
            submitted.id, db.session.get(User, scene.facilitator.id), "accepted", "", utcnow()
        )

    outcomes = run_together(app, accept, list(range(4)))
    assert sorted(outcomes) == [False, False, False, True], outcomes
    with app.app_context():
        count = db.session.scalar(
            select(func.count(Membership.id)).where(
                Membership.space_id == scene.cohort.id,
                Membership.user_id == scene.applicant.id,
            )
        )
    assert count == 1
    assert len(outbox()) == 1
