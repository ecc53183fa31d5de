"""Rules of experiences: who writes for whom, writing, publishing, "this helped me".

Other domains call `experience_for_thread(thread_id)` (forums: the discussion's
experience), portal.experiences.listing.organisation_experiences(organisation, user)
(organisation pages) and portal.experiences.similarity (digests).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, delete, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import is_signed_in
from portal.experiences import hooks
from portal.experiences.constants import DRAFT, FUNDAMENTALS, PUBLISHED, REQUIRED_TO_PUBLISH
from portal.experiences.models import (
    Experience,
    ExperienceFundamental,
    HelpfulMark,
)
from portal.experiences.themes import themes_by_keys

#: The parts of the write-up, in reading order (also the similarity's text).
TEXT_PARTS = ("context", "actions", "actors", "results", "difficulties", "lessons")
#: Plain fields copied from ExperienceFields onto the model.
PLAIN_FIELDS = (
    "title", "territory", "region", "period", "start_year", "end_year", *TEXT_PARTS,
    "budget", "contact_name", "contact_details", "visibility",
)  # fmt: skip


@dataclass
class ExperienceFields:
    """What a writer describes; tags as keys, sessions as Meeting objects."""

    title: str
    region: str
    territory: str = ""
    period: str = ""
    start_year: int | None = None
    end_year: int | None = None
    context: str = ""
    actions: str = ""
    actors: str = ""
    results: str = ""
    difficulties: str = ""
    lessons: str = ""
    budget: str = ""
    contact_name: str = ""
    contact_details: str = ""
    visibility: str = "allies"
    fundamentals: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    meetings: list = field(default_factory=list)
    space: object | None = None


class NotReady(ValueError):
    """Publishing needs the missing parts named in `missing`."""

    def __init__(self, missing: list[str]):
        super().__init__(", ".join(missing))
        self.missing = missing


# --- who writes for whom -----------------------------------------------------------


def signed_for(user, organisation) -> bool:
    """`user` has a validated signature for `organisation` (one query)."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Signature.signer_id == user.id,
                    Signature.organisation_id == organisation.id,
                    Signature.status == SignatureStatus.VALIDATED.value,
                )
            )
        )
    )


def _allies() -> Select:
    """Ids of organisations with a validated signature."""
    return select(Signature.organisation_id).where(
        Signature.status == SignatureStatus.VALIDATED.value,
        Signature.organisation_id.is_not(None),
    )


def writable_organisations(user) -> list[Organisation]:
    """The ally organisations `user` may write for, by name (admins: every ally)."""
    if not is_signed_in(user) or not user.is_confirmed:
        return []
    query = select(Organisation).where(Organisation.id.in_(_allies()))
    if not user.is_admin:
        mine = select(Signature.organisation_id).where(
            Signature.signer_id == user.id, Signature.status == SignatureStatus.VALIDATED.value
        )
        query = query.where((Organisation.id == user.organisation_id) | Organisation.id.in_(mine))
    return list(db.session.scalars(query.order_by(Organisation.slug)))


# --- writing ------------------------------------------------------------------------


def _apply(experience: Experience, fields: ExperienceFields) -> None:
    """Copy the described fields and tags onto `experience`, refusing unknown keys."""
    unknown = [key for key in fields.fundamentals if key not in FUNDAMENTALS]
    if unknown:
        raise ValueError(f"unknown fundamentals {unknown!r}")
    for name in PLAIN_FIELDS:
        setattr(experience, name, getattr(fields, name))
    experience.space_id = fields.space.id if fields.space is not None else None
    wanted = set(fields.fundamentals)
    experience.fundamentals = [f for f in experience.fundamentals if f.key in wanted] + [
        ExperienceFundamental(key=key)
        for key in FUNDAMENTALS
        if key in wanted and key not in {f.key for f in experience.fundamentals}
    ]
    themes = themes_by_keys(fields.themes)
    if len(themes) != len(set(fields.themes)):
        raise ValueError("unknown theme")
    experience.themes = themes
    experience.meetings = list(fields.meetings)


def create_experience(organisation: Organisation, author, fields: ExperienceFields) -> Experience:
    """A new draft for `organisation` written by `author`."""
    experience = Experience(organisation_id=organisation.id, author_id=author.id, status=DRAFT)
    experience.organisation = organisation
    db.session.add(experience)
    _apply(experience, fields)
    db.session.flush()
    return experience


def update_experience(experience: Experience, fields: ExperienceFields) -> Experience:
    """Change a draft or a published experience; attachments follow its visibility."""
    _apply(experience, fields)
    experience.updated_at = utcnow()
    from portal.experiences.listing import attachments_of  # it imports this module

    for material in attachments_of(experience):
        material.visibility = experience.visibility
    db.session.flush()
    if experience.is_published:
        hooks.index(experience)
    return experience


def missing_parts(experience: Experience) -> list[str]:
    """Names of what publishing still needs ("context", "fundamentals"…); empty when ready."""
    missing = [name for name in REQUIRED_TO_PUBLISH if not getattr(experience, name).strip()]
    if not experience.fundamentals:
        missing.append("fundamentals")
    return missing


def publish(experience: Experience, by) -> Experience:
    """Publish a complete draft; the first publication opens its discussion thread."""
    missing = missing_parts(experience)
    if missing:
        raise NotReady(missing)
    experience.status = PUBLISHED
    experience.published_at = experience.published_at or utcnow()
    if experience.discussion_thread_id is None:
        experience.discussion_thread_id = hooks.open_discussion(experience, by)
    db.session.flush()
    hooks.index(experience)
    return experience


def unpublish(experience: Experience) -> Experience:
    """Back to draft: only its writers see it again; its discussion is kept."""
    experience.status = DRAFT
    db.session.flush()
    hooks.unindex(experience)
    return experience


def toggle_helpful(experience: Experience, user) -> bool:
    """Mark or unmark "this helped me" for `user`; returns whether it is now marked."""
    mark = db.session.scalar(
        select(HelpfulMark).where(
            HelpfulMark.experience_id == experience.id, HelpfulMark.user_id == user.id
        )
    )
    if mark is not None:
        db.session.delete(mark)
        db.session.flush()
    else:
        try:
            with db.session.begin_nested():  # a double click racing itself: one mark stays
                db.session.add(HelpfulMark(experience_id=experience.id, user_id=user.id))
        except IntegrityError:
            pass
    refresh_helpful_count(experience.id)
    return mark is None


def refresh_helpful_count(experience_id: int) -> None:
    """Recount an experience's marks into its cached counter (a double click stays one mark)."""
    count = select(func.count(HelpfulMark.id)).where(HelpfulMark.experience_id == experience_id)
    db.session.execute(
        Experience.__table__.update()
        .where(Experience.id == experience_id)
        .values(helpful_count=count.scalar_subquery())
    )
    db.session.expire_all()


def experience_for_thread(thread_id: int) -> Experience | None:
    """The experience whose discussion is thread `thread_id`, or None (forums asks)."""
    return db.session.scalar(
        select(Experience)
        .where(Experience.discussion_thread_id == thread_id)
        .options(joinedload(Experience.organisation))
    )


def erase_helpful_marks(user_id: int) -> None:
    """Remove a deleted account's marks and recount what they touched."""
    touched = list(
        db.session.scalars(select(HelpfulMark.experience_id).where(HelpfulMark.user_id == user_id))
    )
    db.session.execute(delete(HelpfulMark).where(HelpfulMark.user_id == user_id))
    for experience_id in touched:
        refresh_helpful_count(experience_id)
