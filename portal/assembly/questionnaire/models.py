"""An edition's questionnaire: its questions, and one answer per person.

Questions have their own table (calls keep theirs): the kinds and the rules of composing
and answering are shared through portal.core.questions.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.core.questions import QuestionKind

#: The kinds a questionnaire offers.
QUESTIONNAIRE_KINDS = (
    QuestionKind.SCALE.value,
    QuestionKind.ONE_CHOICE.value,
    QuestionKind.SEVERAL_CHOICES.value,
    QuestionKind.LONG_TEXT.value,
)
#: The organisation kind recorded for a person who signed the charter in their own name.
INDIVIDUAL = "individual"


class QuestionnaireQuestion(db.Model):
    """One question of an edition's questionnaire, shown in `position` order."""

    __tablename__ = "questionnaire_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_editions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(300))
    #: A hint shown under the label (plain text).
    hint: Mapped[str] = mapped_column(Text, default="")
    #: A QuestionKind value among QUESTIONNAIRE_KINDS.
    kind: Mapped[str] = mapped_column(String(20))
    is_required: Mapped[bool] = mapped_column(default=False)
    #: The choices of a one- or several-choice question, in order; [] otherwise.
    choices: Mapped[list] = mapped_column(JSON, default=list)

    @property
    def field_name(self) -> str:
        """The name of its input in the questionnaire form."""
        return f"q{self.id}"


class QuestionnaireResponse(db.Model):
    """A person's answers to an edition's questionnaire (one per person, editable while the
    evaluation phase is open). Results and exports never show who answered."""

    __tablename__ = "questionnaire_responses"
    __table_args__ = (UniqueConstraint("edition_id", "respondent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("assembly_editions.id", ondelete="CASCADE"), index=True
    )
    #: Kept only so the person can edit their answers; never shown with them.
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    #: The kind of the organisation the person signed for (an ORGANISATION_KINDS key), or
    #: INDIVIDUAL, at answer time: the breakdowns read it.
    organisation_kind: Mapped[str] = mapped_column(String(30))
    #: The organisation's region (a REGIONS key); "" for an individual signatory.
    region: Mapped[str] = mapped_column(String(40), default="")
    #: Question id (as text) -> answer (a number 1–5, a choice, a list of choices, a text).
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
