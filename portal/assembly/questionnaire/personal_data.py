"""What the questionnaire holds about a person: their answers, in their export. An account's
deletion keeps the answers (they count in the results, and the account left behind holds
nothing that names the person)."""

from __future__ import annotations

from sqlalchemy import select

from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire.models import QuestionnaireQuestion, QuestionnaireResponse
from portal.core.extensions import db
from portal.core.personal_data import exporter


@exporter("questionnaire_answers")
def export_questionnaire_answers(user) -> list[dict]:
    """Each questionnaire `user` answered: the year, and each answer by its question."""
    rows = db.session.execute(
        select(QuestionnaireResponse, AssemblyEdition.year)
        .join(AssemblyEdition, AssemblyEdition.id == QuestionnaireResponse.edition_id)
        .where(QuestionnaireResponse.respondent_id == user.id)
        .order_by(AssemblyEdition.year)
    ).all()
    ids = [int(key) for response, _year in rows for key in (response.answers or {})]
    labels = dict(
        db.session.execute(
            select(QuestionnaireQuestion.id, QuestionnaireQuestion.label).where(
                QuestionnaireQuestion.id.in_(ids)
            )
        ).all()
    )
    return [
        {
            "year": year,
            "answers": {
                labels.get(int(key), key): value for key, value in (response.answers or {}).items()
            },
            "updated_at": response.updated_at.isoformat() if response.updated_at else None,
        }
        for response, year in rows
    ]
