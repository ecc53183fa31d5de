"""The rules of calls: questions, answers by kind, drafts and submission, withdrawal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.programmes.calls import applications, calls
from portal.programmes.calls.models import Application, Call, Question
from tests import factories
from tests.calls.conftest import fresh


def answers_for(call) -> dict:
    """Complete answers by field name."""
    questions = fresh(Call, call).questions
    return {q.field_name: v for q, v in zip(questions, factories.CALL_ANSWERS, strict=False)}


def draft(scene, organisation=True):
    """A draft of the applicant, with every answer."""
    call = fresh(Call, scene.call)
    application = applications.start_application(
        call,
        fresh(User, scene.applicant),
        scene.organisation.id if organisation else None,
        utcnow(),
    )
    applications.save_draft(
        application, answers=answers_for(call), territory="Le Mené", invitees="", now=utcnow()
    )
    db.session.commit()
    return application


def test_a_call_cannot_close_before_it_opens(app, scene):
    with app.app_context():
        space = db.session.get(type(fresh(Call, scene.call).space), scene.cohort.id)
        now = utcnow()
        with pytest.raises(calls.CallRuleError):
            calls.create_call(space, None, calls.CallDetails(opens_at=now, closes_at=now))


def test_questions_are_added_at_the_end_and_move_up_and_down(app, scene):
    with app.app_context():
        call = fresh(Call, scene.call)
        added = calls.add_question(
            call, calls.QuestionDetails(label="Budget", kind="number", is_required=True)
        )
        assert added.position == len(factories.CALL_QUESTIONS) + 1
        assert calls.move_question(added, "up")
        assert not calls.move_question(fresh(Call, scene.call).questions[0], "up")
        db.session.commit()
        labels = [q.label for q in fresh(Call, scene.call).questions]
        assert labels[-2:] == ["Budget", "Has an elected official on board"]


def test_a_choice_question_needs_two_different_choices(app, scene):
    with app.app_context():
        with pytest.raises(calls.CallRuleError):
            calls.add_question(
                fresh(Call, scene.call),
                calls.QuestionDetails(label="Pick", kind="one_choice", choices=["A", "A", ""]),
            )


def test_questions_are_fixed_once_an_application_is_submitted_but_can_still_be_added(app, scene):
    with app.app_context():
        application = draft(scene)
        question = fresh(Call, scene.call).questions[0]
        calls.update_question(question, calls.QuestionDetails(label="Why?", kind="long_text"))
        applications.submit(application, utcnow())
        db.session.commit()
        question = db.session.get(Question, question.id)
        with pytest.raises(calls.QuestionsLocked):
            calls.update_question(question, calls.QuestionDetails(label="No", kind="long_text"))
        with pytest.raises(calls.QuestionsLocked):
            calls.delete_question(question)
        with pytest.raises(calls.QuestionsLocked):
            calls.move_question(question, "down")
        calls.add_question(
            fresh(Call, scene.call), calls.QuestionDetails(label="Late", kind="short_text")
        )


def test_answers_are_checked_by_kind(app, scene):
    with app.app_context():
        questions = fresh(Call, scene.call).questions
        names = [q.field_name for q in questions]
        with pytest.raises(applications.InvalidAnswers) as refused:
            applications.clean_answers(
                questions,
                {
                    names[1]: "beaucoup",
                    names[2]: "Lunar",
                    names[3]: ["Energy", "Space travel"],
                    names[4]: "maybe",
                },
                complete=False,
            )
        assert set(refused.value.errors) == set(names[1:])
        clean = applications.clean_answers(
            questions, {names[1]: "4 200,5", names[3]: ["Food", "Energy"]}, complete=False
        )
        assert clean == {str(questions[1].id): 4200.5, str(questions[3].id): ["Energy", "Food"]}


def test_required_answers_wait_for_the_submission(app, scene):
    with app.app_context():
        call = fresh(Call, scene.call)
        application = applications.start_application(
            call, fresh(User, scene.applicant), None if False else scene.organisation.id, utcnow()
        )
        applications.save_draft(application, answers={}, territory="", invitees="", now=utcnow())
        with pytest.raises(applications.InvalidAnswers) as refused:
            applications.submit(application, utcnow())
        required = {q.field_name for q in call.questions if q.is_required}
        assert required | {"territory"} == set(refused.value.errors)
        assert application.is_draft


def test_the_deadline_is_checked_when_submitting_and_the_draft_is_kept(app, scene):
    with app.app_context():
        application = draft(scene)
        after = fresh(Call, scene.call).closes_at + timedelta(seconds=1)
        with pytest.raises(applications.CallNotOpen):
            applications.submit(application, after)
        db.session.commit()
        kept = db.session.get(Application, application.id)
        assert kept.is_draft and kept.answers and kept.submitted_at is None


def test_a_submitted_application_is_read_only_and_can_be_withdrawn(app, scene):
    with app.app_context():
        application = draft(scene)
        applications.submit(application, utcnow())
        with pytest.raises(applications.NotADraft):
            applications.submit(application, utcnow())
        with pytest.raises(applications.NotADraft):
            applications.save_draft(
                application, answers={}, territory="x", invitees="", now=utcnow()
            )
        assert applications.withdraw(application, utcnow())
        assert application.state == "withdrawn"
        assert not applications.withdraw(application, utcnow())


def test_only_allies_apply_for_the_organisations_they_signed_for(app, scene):
    stranger = factories.user()
    with app.app_context():
        call = fresh(Call, scene.call)
        with pytest.raises(applications.NotEligible):
            applications.start_application(
                call, fresh(User, stranger), scene.organisation.id, utcnow()
            )
        with pytest.raises(applications.NotEligible):  # signed for an organisation only
            applications.start_application(call, fresh(User, scene.applicant), None, utcnow())


def test_one_application_per_organisation_and_call(app, scene):
    with app.app_context():
        draft(scene)
        with pytest.raises(applications.AlreadyApplied):
            applications.start_application(
                fresh(Call, scene.call),
                fresh(User, scene.colleague),
                scene.organisation.id,
                utcnow(),
            )


def test_a_twin_created_at_the_same_moment_is_caught_by_the_unique_constraint(
    app, scene, monkeypatch
):
    """Both requests saw no application; the second insert hits the constraint."""
    with app.app_context():
        draft(scene)
        real = applications._existing
        calls_made = []

        def not_yet(*args):
            calls_made.append(args)
            return None if len(calls_made) == 1 else real(*args)

        monkeypatch.setattr(applications, "_existing", not_yet)
        with pytest.raises(applications.AlreadyApplied):
            applications.start_application(
                fresh(Call, scene.call),
                fresh(User, scene.colleague),
                scene.organisation.id,
                utcnow(),
            )
        db.session.rollback()
        assert db.session.scalar(select(func.count(Application.id))) == 1


def test_one_individual_application_per_person_and_call(app, scene):
    person = factories.user()
    factories.signature(signer=person)
    factories.application(scene.call, person, state="draft")
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        factories.application(scene.call, person, state="draft")
