"""Applying to a call: who may apply, drafts, answers checked by kind, submitting, withdrawing.

Services add and flush; the caller commits. The deadline is checked by the UPDATE that
submits, in the caller's transaction, so a form loaded before the deadline and posted after
it is refused whatever the form said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.extensions import db
from portal.programmes.calls.answers import (  # noqa: F401 - part of this module's interface
    InvalidAnswers,
    clean_answers,
    clean_invitees,
    require_complete,
)
from portal.programmes.calls.models import Application, ApplicationState, Call

TERRITORY_MAX = 200


class ApplicationError(Exception):
    """An application step the rules refuse."""


class CallNotOpen(ApplicationError):
    """The call is not open (yet, or any more)."""


class NotEligible(ApplicationError):
    """The person may not apply for this organisation (or individually)."""


class AlreadyApplied(ApplicationError):
    """The organisation (or person) already has an application to this call, by someone else."""

    def __init__(self, existing: Application | None):
        super().__init__("already applied")
        self.existing = existing


class NotADraft(ApplicationError):
    """Only a draft can be edited or submitted."""


@dataclass
class ApplicantOptions:
    """On whose behalf a person may apply."""

    personal: bool = False
    organisations: list[Organisation] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Whether they may apply at all."""
        return self.personal or bool(self.organisations)


def applicant_options(user) -> ApplicantOptions:
    """A validated personal signature allows individual applications; a validated signature
    for an organisation allows applying for it (one query)."""
    rows = db.session.execute(
        select(Signature.organisation_id, Organisation)
        .outerjoin(Organisation, Organisation.id == Signature.organisation_id)
        .where(
            Signature.signer_id == user.id,
            Signature.status == SignatureStatus.VALIDATED.value,
        )
    ).all()
    options = ApplicantOptions()
    seen = set()
    for organisation_id, organisation in rows:
        if organisation_id is None:
            options.personal = True
        elif organisation_id not in seen:
            seen.add(organisation_id)
            options.organisations.append(organisation)
    options.organisations.sort(key=lambda o: o.name.lower())
    return options


# --- life of an application -----------------------------------------------------------


def _existing(call: Call, user, organisation_id: int | None) -> Application | None:
    """The application of the organisation (or of `user` alone) to `call`."""
    query = select(Application).where(Application.call_id == call.id)
    if organisation_id is None:
        query = query.where(
            Application.organisation_id.is_(None), Application.applicant_id == user.id
        )
    else:
        query = query.where(Application.organisation_id == organisation_id)
    return db.session.scalar(query)


def start_application(call: Call, user, organisation_id: int | None, now: datetime):
    """The draft of `user` for the organisation (None: individually), created if needed.

    Raises CallNotOpen before the opening, NotEligible without the right signature,
    AlreadyApplied when someone else already applied for the organisation (also when
    two people create it at the same moment: the unique constraint decides).
    """
    if now < call.opens_at:
        raise CallNotOpen("not open yet")
    options = applicant_options(user)
    allowed = {o.id for o in options.organisations}
    if (organisation_id is None and not options.personal) or (
        organisation_id is not None and organisation_id not in allowed
    ):
        raise NotEligible("no signature for this")
    existing = _existing(call, user, organisation_id)
    if existing is None:
        application = Application(
            call_id=call.id,
            applicant_id=user.id,
            organisation_id=organisation_id,
            state=ApplicationState.DRAFT.value,
            answers={},
            created_at=now,
            updated_at=now,
        )
        try:
            with db.session.begin_nested():
                db.session.add(application)
            return application
        except IntegrityError:
            existing = _existing(call, user, organisation_id)
    if existing is None or existing.applicant_id != user.id:
        raise AlreadyApplied(existing)
    if existing.state == ApplicationState.WITHDRAWN.value and now < call.closes_at:
        # Withdrawn, then started again while the call is open: the same row is reopened
        # (its first submission date stays: the questions stay fixed).
        existing.state = ApplicationState.DRAFT.value
        existing.withdrawn_at = None
        db.session.flush()
    return existing


def save_draft(application: Application, *, answers: dict, territory: str, invitees: str, now):
    """Store the answers as they are (required ones may wait), checked by kind."""
    if not application.is_draft:
        raise NotADraft("only a draft can be edited")
    questions = application.call.questions
    errors = {}
    try:
        cleaned = clean_answers(questions, answers, complete=False)
    except InvalidAnswers as error:
        errors.update(error.errors)
    try:
        invitees = clean_invitees(invitees)
    except InvalidAnswers as error:
        errors.update(error.errors)
    territory = (territory or "").replace("\x00", "").strip()
    if len(territory) > TERRITORY_MAX:
        errors["territory"] = _l("At most %(max)d characters.", max=TERRITORY_MAX)
    if errors:
        raise InvalidAnswers(errors)
    application.answers = cleaned
    application.territory = territory
    application.invitees = invitees
    application.updated_at = now
    db.session.flush()


def submit(application: Application, now: datetime) -> None:
    """Submit a complete draft while its call is open, checked by the UPDATE itself.

    Raises InvalidAnswers (a required answer is missing), NotADraft (already submitted,
    e.g. by a twin request) or CallNotOpen (the deadline passed); the draft stays as it is.
    """
    if not application.is_draft:
        raise NotADraft("already submitted")
    require_complete(application.call.questions, _as_fields(application), application.territory)
    call_is_open = (
        select(Call.id)
        .where(Call.id == Application.call_id, Call.opens_at <= now, Call.closes_at > now)
        .exists()
    )
    result = db.session.execute(
        update(Application)
        .where(
            Application.id == application.id,
            Application.state == ApplicationState.DRAFT.value,
            call_is_open,
        )
        .values(state=ApplicationState.SUBMITTED.value, submitted_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(application)
    if result.rowcount == 1:
        return
    if not application.is_draft:
        raise NotADraft("already submitted")
    raise CallNotOpen("the deadline has passed")


def _as_fields(application: Application) -> dict:
    """Stored answers keyed by form field name, to check them again."""
    return {f"q{key}": value for key, value in (application.answers or {}).items()}


def withdraw(application: Application, now: datetime) -> bool:
    """The applicant withdraws a draft or a submitted application; False if it was decided."""
    if not application.is_withdrawable:
        return False
    application.state = ApplicationState.WITHDRAWN.value
    application.withdrawn_at = now
    application.updated_at = now
    db.session.flush()
    return True
