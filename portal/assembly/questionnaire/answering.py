"""Answering an edition's questionnaire: signed allies, one answer per person, editable while
the evaluation phase is open (checked here, in the transaction). Services add and flush."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from portal.alliance.models import Signature, SignatureStatus
from portal.assembly.constants import Phase
from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire.compose import questions_of
from portal.assembly.questionnaire.models import INDIVIDUAL, QuestionnaireResponse
from portal.core.extensions import db
from portal.core.questions import InvalidAnswers, clean_answers  # noqa: F401 - interface


class AnswerRefused(ValueError):
    """An answer the questionnaire's rules refuse."""


class EvaluationClosed(AnswerRefused):
    """The evaluation phase is not open: answers can neither be given nor changed."""


class NotASignatory(AnswerRefused):
    """Only people with a validated signature of the charter answer."""


@dataclass(frozen=True)
class RespondentProfile:
    """What the breakdowns keep of a respondent: their organisation's kind and region."""

    organisation_kind: str
    region: str


def respondent_profile(user) -> RespondentProfile | None:
    """The kind and region of the organisation `user` signed for (validated; the earliest
    signature if several), INDIVIDUAL for a person who signed in their own name only, or None
    without a validated signature (one query)."""
    signatures = db.session.scalars(
        select(Signature)
        .where(Signature.signer_id == user.id, Signature.status == SignatureStatus.VALIDATED)
        .order_by(Signature.organisation_id.is_(None), Signature.signed_at, Signature.id)
        .limit(1)
    ).all()
    if not signatures:
        return None
    organisation = signatures[0].organisation
    if organisation is None:
        return RespondentProfile(INDIVIDUAL, "")
    return RespondentProfile(organisation.kind, organisation.region)


def response_of(edition, user) -> QuestionnaireResponse | None:
    """`user`'s answer to the edition's questionnaire, if any."""
    return db.session.scalar(
        select(QuestionnaireResponse).where(
            QuestionnaireResponse.edition_id == edition.id,
            QuestionnaireResponse.respondent_id == user.id,
        )
    )


def _locked_edition(edition_id: int) -> AssemblyEdition:
    """The edition read again in the transaction (its row locked on PostgreSQL), so that a
    change of its dates and the answer cannot cross."""
    return db.session.scalars(
        select(AssemblyEdition)
        .where(AssemblyEdition.id == edition_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def save_answer(edition, user, raw: dict, now: datetime) -> QuestionnaireResponse:
    """Record or replace `user`'s answers (`raw`: field name -> posted value), required ones
    included. Raises EvaluationClosed, NotASignatory or InvalidAnswers (nothing written)."""
    edition = _locked_edition(edition.id)
    if not edition.is_open(Phase.EVALUATION.value, now):
        raise EvaluationClosed("the evaluation phase is not open")
    profile = respondent_profile(user)
    if profile is None:
        raise NotASignatory("only signed allies answer")
    answers = clean_answers(questions_of(edition.id), raw, complete=True)
    response = response_of(edition, user)
    if response is None:
        response = QuestionnaireResponse(edition_id=edition.id, respondent_id=user.id)
        response.created_at = now
        db.session.add(response)
    response.organisation_kind = profile.organisation_kind
    response.region = profile.region
    response.answers = answers
    response.updated_at = now
    db.session.flush()
    return response
