"""Composing an edition's questionnaire, with the shared question rules: questions are fixed
once the first answer exists (as a call's once an application is submitted); adding one
stays possible (nobody answered it yet). Services add and flush; the caller commits."""

from __future__ import annotations

from sqlalchemy import exists, func, select

from portal.assembly.questionnaire.models import (
    QUESTIONNAIRE_KINDS,
    QuestionnaireQuestion,
    QuestionnaireResponse,
)
from portal.core.extensions import db
from portal.core.questions import (
    QuestionDetails,
    QuestionsLocked,
    apply_details,
    clean_details,
    move_among,
)


def questions_of(edition_id: int) -> list[QuestionnaireQuestion]:
    """The questions of the edition `edition_id`, in order (one query)."""
    return list(
        db.session.scalars(
            select(QuestionnaireQuestion)
            .where(QuestionnaireQuestion.edition_id == edition_id)
            .order_by(QuestionnaireQuestion.position, QuestionnaireQuestion.id)
        )
    )


def questions_locked(edition_id: int) -> bool:
    """Whether anyone answered the questionnaire of the edition `edition_id` (one query)."""
    return bool(
        db.session.scalar(select(exists().where(QuestionnaireResponse.edition_id == edition_id)))
    )


def _require_unlocked(edition_id: int) -> None:
    if questions_locked(edition_id):
        raise QuestionsLocked("questions are fixed once someone answered")


def add_question(edition, details: QuestionDetails) -> QuestionnaireQuestion:
    """Add a question at the end. Raises QuestionRuleError for a kind or choices refused."""
    details = clean_details(details, QUESTIONNAIRE_KINDS)
    last = db.session.scalar(
        select(func.max(QuestionnaireQuestion.position)).where(
            QuestionnaireQuestion.edition_id == edition.id
        )
    )
    question = QuestionnaireQuestion(edition_id=edition.id, position=(last or 0) + 1)
    apply_details(question, details)
    db.session.add(question)
    db.session.flush()
    return question


def update_question(question: QuestionnaireQuestion, details: QuestionDetails) -> None:
    """Edit a question, while nobody answered. Raises QuestionsLocked."""
    _require_unlocked(question.edition_id)
    apply_details(question, clean_details(details, QUESTIONNAIRE_KINDS))
    db.session.flush()


def delete_question(question: QuestionnaireQuestion) -> None:
    """Remove a question, while nobody answered. Raises QuestionsLocked."""
    _require_unlocked(question.edition_id)
    db.session.delete(question)
    db.session.flush()


def move_question(question: QuestionnaireQuestion, direction: str) -> bool:
    """Swap a question with its neighbour "up" or "down", while nobody answered; False at
    either end. Raises QuestionsLocked."""
    _require_unlocked(question.edition_id)
    siblings = questions_of(question.edition_id)
    moved = move_among(siblings, question, direction)
    db.session.flush()
    return moved
