"""Rules of calls and their questions. Services add and flush; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.questions import (  # noqa: F401 - part of this module's interface
    CHOICES_MAX,
    QuestionDetails,
    QuestionRuleError,
    QuestionsLocked,
    apply_details,
    clean_details,
    move_among,
)
from portal.programmes.calls.models import CALL_KINDS, Application, Call, Question

#: A change the rules of calls refuse (the view shows its own translated message); the
#: question rules' errors (QuestionsLocked: fixed once an application is submitted) are ones.
CallRuleError = QuestionRuleError


@dataclass
class CallDetails:
    """What the call form gives: moments already in UTC."""

    opens_at: datetime
    closes_at: datetime
    introduction: str = ""
    holds_decisions: bool = False


def _check_call(details: CallDetails) -> None:
    """A call closes after it opens."""
    if details.closes_at <= details.opens_at:
        raise CallRuleError("a call closes after it opens")


def create_call(space, creator, details: CallDetails) -> Call:
    """Open a call on the cohort `space`."""
    if not space.is_cohort or space.is_archived:
        raise CallRuleError("calls are for active cohorts")
    _check_call(details)
    call = Call(space=space, created_by_id=creator.id if creator else None, created_at=utcnow())
    _apply(call, details)
    db.session.add(call)
    db.session.flush()
    return call


def update_call(call: Call, details: CallDetails) -> None:
    """Change the call's dates, introduction or decision mode."""
    _check_call(details)
    _apply(call, details)
    db.session.flush()


def _apply(call: Call, details: CallDetails) -> None:
    call.opens_at = details.opens_at
    call.closes_at = details.closes_at
    call.introduction = (details.introduction or "").strip()
    call.holds_decisions = bool(details.holds_decisions)


def questions_locked(call: Call) -> bool:
    """Whether an application to `call` was ever submitted (one query)."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Application.call_id == call.id, Application.submitted_at.is_not(None)
                )
            )
        )
    )


def _clean(details: QuestionDetails) -> QuestionDetails:
    """Trimmed label and choices, of a kind calls offer (the shared rules)."""
    return clean_details(details, CALL_KINDS)


def add_question(call: Call, details: QuestionDetails) -> Question:
    """Add a question at the end (allowed even after submissions: nobody answered it yet)."""
    details = _clean(details)
    last = db.session.scalar(select(func.max(Question.position)).where(Question.call_id == call.id))
    question = Question(
        call_id=call.id,
        position=(last or 0) + 1,
        label=details.label,
        kind=details.kind,
        is_required=details.is_required,
        hint=details.hint,
        choices=details.choices,
    )
    db.session.add(question)
    db.session.flush()
    return question


def _require_unlocked(call: Call) -> None:
    if questions_locked(call):
        raise QuestionsLocked("questions are fixed once an application is submitted")


def update_question(question: Question, details: QuestionDetails) -> None:
    """Edit a question, while no application has been submitted."""
    _require_unlocked(question.call)
    apply_details(question, _clean(details))
    db.session.flush()


def delete_question(question: Question) -> None:
    """Remove a question, while no application has been submitted."""
    _require_unlocked(question.call)
    db.session.delete(question)
    db.session.flush()


def move_question(question: Question, direction: str) -> bool:
    """Swap `question` with its neighbour "up" or "down"; False at either end."""
    _require_unlocked(question.call)
    siblings = list(
        db.session.scalars(
            select(Question)
            .where(Question.call_id == question.call_id)
            .order_by(Question.position, Question.id)
        )
    )
    moved = move_among(siblings, question, direction)
    db.session.flush()
    return moved
