"""Calls for applications to a cohort space, their questions, applications and reviews."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db
from portal.core.questions import CHOICE_KINDS, QuestionKind  # noqa: F401 - re-exported

#: Question kinds are shared with every domain that asks questions.
CALL_KINDS = (
    QuestionKind.SHORT_TEXT.value,
    QuestionKind.LONG_TEXT.value,
    QuestionKind.ONE_CHOICE.value,
    QuestionKind.SEVERAL_CHOICES.value,
    QuestionKind.NUMBER.value,
    QuestionKind.YES_NO.value,
)


class ApplicationState(enum.StrEnum):
    """Life of an application: draft → submitted → a decision, or withdrawn."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"


#: The decisions a reviewer may take on a submitted application.
DECISIONS = (
    ApplicationState.ACCEPTED.value,
    ApplicationState.WAITLISTED.value,
    ApplicationState.DECLINED.value,
)
#: States in which reviewers see an application.
REVIEWABLE = (ApplicationState.SUBMITTED.value, *DECISIONS)


class Call(db.Model):
    """A call for applications to one cohort edition, open between two moments."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    #: Applications may be submitted from opens_at (included) to closes_at (excluded), UTC.
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: Markdown, rendered through portal.core.markdown.
    introduction: Mapped[str] = mapped_column(Text, default="")
    #: Decisions wait for the "release decisions" button instead of being emailed at once.
    holds_decisions: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    space = relationship("Space")
    questions: Mapped[list[Question]] = relationship(
        back_populates="call",
        order_by="Question.position",
        cascade="all, delete-orphan",
    )

    def is_open_at(self, now: datetime) -> bool:
        """Whether applications may be submitted at `now`."""
        return self.opens_at <= now < self.closes_at

    def __repr__(self) -> str:
        return f"<Call {self.id} space={self.space_id}>"


class Question(db.Model):
    """One question of a call, shown in `position` order."""

    __tablename__ = "call_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(300))
    #: A hint shown under the label (plain text).
    hint: Mapped[str] = mapped_column(Text, default="")
    #: A QuestionKind value.
    kind: Mapped[str] = mapped_column(String(20))
    is_required: Mapped[bool] = mapped_column(default=False)
    #: The choices of a one- or several-choice question, in order; [] otherwise.
    choices: Mapped[list] = mapped_column(JSON, default=list)

    call: Mapped[Call] = relationship(back_populates="questions")

    @property
    def field_name(self) -> str:
        """The name of its input in the application form."""
        return f"q{self.id}"


class Application(db.Model):
    """A territory's application to a call, for an organisation or by a person alone."""

    __tablename__ = "applications"
    __table_args__ = (
        # One application per organisation and call (NULLs, i.e. individual ones, are distinct).
        UniqueConstraint("call_id", "organisation_id"),
        # One individual application per person and call: a partial unique index.
        Index(
            "uq_applications_individual",
            "call_id",
            "applicant_id",
            unique=True,
            sqlite_where=text("organisation_id IS NULL"),
            postgresql_where=text("organisation_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    applicant_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    #: The organisation applied for; None for an individual application.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    #: The territory the application is for ("Communauté de communes du Mené").
    territory: Mapped[str] = mapped_column(String(200), default="")
    #: An ApplicationState value.
    state: Mapped[str] = mapped_column(String(12), default=ApplicationState.DRAFT.value, index=True)
    #: Question id (as text) -> answer (text, number, list of choices or "yes"/"no").
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Addresses to invite to the cohort if accepted, one per line.
    invitees: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The optional word sent with the decision.
    decision_message: Mapped[str] = mapped_column(Text, default="")
    #: When the decision was emailed; None while a decision is held (or none taken).
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    call: Mapped[Call] = relationship()
    applicant = relationship("User", foreign_keys=[applicant_id])
    organisation = relationship("Organisation")
    reviews: Mapped[list[Review]] = relationship(
        back_populates="application", cascade="all, delete-orphan"
    )

    @property
    def is_draft(self) -> bool:
        """Still editable by its applicant."""
        return self.state == ApplicationState.DRAFT.value

    @property
    def is_decided(self) -> bool:
        """Accepted, waitlisted or declined."""
        return self.state in DECISIONS

    @property
    def is_withdrawable(self) -> bool:
        """A draft or a submitted application not yet decided."""
        return self.state in (ApplicationState.DRAFT.value, ApplicationState.SUBMITTED.value)

    @property
    def is_decision_held(self) -> bool:
        """Decided, not yet emailed."""
        return self.is_decided and self.notified_at is None

    @property
    def shown_state(self) -> str:
        """The state the applicant sees: a held decision still reads "submitted"."""
        return ApplicationState.SUBMITTED.value if self.is_decision_held else self.state


class Review(db.Model):
    """One reviewer's score (1–5) and private comment on one application."""

    __tablename__ = "application_reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column()
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    application: Mapped[Application] = relationship(back_populates="reviews")
    reviewer = relationship("User")
