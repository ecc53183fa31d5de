"""Demo data of calls: the 2028 edition of the pilot territories and its open call, with a
draft by the demo member. Safe to run again: everything is looked up before it is created;
the edition itself is the spaces demo's (COHORT_2028)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.alliance.models import Signature, SignatureStatus
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.programmes.calls.models import Application, ApplicationState, Call, Question
from portal.spaces.models import Membership, Space, SpaceRole

EDITION_SLUG = "territoires-pilotes-2028"
MEMBER_EMAIL = "membre@example.org"
INTRODUCTION = (
    "La deuxième promotion des **Territoires pilotes** accueille dix territoires en 2028.\n\n"
    "Une année d'accompagnement : séances mensuelles, trois rencontres sur site, un "
    "diagnostic partagé des quatre fondamentaux et un récit de territoire.\n\n"
    "Candidatez au nom de votre collectivité ou de votre association."
)
#: (label, kind, required, choices, hint)
QUESTIONS = (
    ("Pourquoi votre territoire candidate-t-il ?", "long_text", True, [], ""),
    ("Nombre d'habitants du territoire", "number", True, [], "Un ordre de grandeur suffit."),
    ("Type de territoire", "one_choice", True, ["Rural", "Urbain", "Périurbain", "Littoral"], ""),
    (
        "Chantiers engagés",
        "several_choices",
        False,
        ["Énergie", "Alimentation", "Mobilités", "Habitat", "Eau"],
        "",
    ),
    ("Un ou une élue porte-t-il le projet ?", "yes_no", True, [], ""),
    ("Personne référente", "short_text", False, [], "Nom et fonction."),
)


def _edition() -> Space | None:
    """The 2028 edition, made by the spaces' demo (portal.spaces.demo.COHORT_2028)."""
    return db.session.scalar(select(Space).where(Space.slug == EDITION_SLUG))


def _call(space: Space, creator) -> tuple[Call, bool]:
    """The edition's call, open now and closing in about three months."""
    call = db.session.scalar(select(Call).where(Call.space_id == space.id).order_by(Call.id))
    if call is not None:
        return call, False
    now = utcnow().replace(second=0, microsecond=0)
    call = Call(
        space_id=space.id,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=90),
        introduction=INTRODUCTION,
        created_at=now,
        created_by_id=creator.id if creator else None,
    )
    db.session.add(call)
    db.session.flush()
    for position, (label, kind, required, choices, hint) in enumerate(QUESTIONS, 1):
        db.session.add(
            Question(
                call_id=call.id,
                position=position,
                label=label,
                kind=kind,
                is_required=required,
                choices=list(choices),
                hint=hint,
            )
        )
    db.session.flush()
    return call, True


def _draft(call: Call) -> str:
    """The demo member's draft: for the organisation they signed for, else individual."""
    member = db.session.scalar(select(User).where(User.email == MEMBER_EMAIL))
    if member is None:
        return "no demo member"
    organisation_id = db.session.scalar(
        select(Signature.organisation_id).where(
            Signature.signer_id == member.id,
            Signature.organisation_id.is_not(None),
            Signature.status == SignatureStatus.VALIDATED.value,
        )
    )
    exists = db.session.scalar(
        select(Application.id).where(
            Application.call_id == call.id, Application.applicant_id == member.id
        )
    )
    if exists:
        return "already there"
    first = call.questions[0] if call.questions else None
    now = utcnow()
    db.session.add(
        Application(
            call_id=call.id,
            applicant_id=member.id,
            organisation_id=organisation_id,
            state=ApplicationState.DRAFT.value,
            territory="Communauté de communes du Mené",
            answers={str(first.id): "Nous voulons apprendre des territoires pairs."}
            if first
            else {},
            created_at=now,
            updated_at=now,
        )
    )
    db.session.flush()
    return "created"


def seed_calls_demo() -> list[str]:
    """Open the call of the 2028 edition and the member's draft; lines for the console."""
    space = _edition()
    if space is None:
        return [f"Space {EDITION_SLUG} missing: run the spaces' demo first."]
    facilitator = db.session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.space_id == space.id, Membership.role == SpaceRole.FACILITATOR.value)
        .order_by(Membership.id)
    )
    call, created = _call(space, facilitator)
    lines = [
        f"Call for applications to {space.title}: {'created' if created else 'already there'}."
    ]
    lines.append(f"Draft application of {MEMBER_EMAIL}: {_draft(call)}.")
    return lines
