"""Resources shared by allies: sharing, editing, moderation, reports, and their lists.

A resource an ally shares from /resources is a Material in no space, waiting for a
moderator (status "pending"). Publishing puts it in the library and the search index;
declining tells its author why. An edit by its author sends it back to moderation: it
leaves the library until a moderator publishes it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import FileStorage

from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.experiences.constants import FUNDAMENTALS
from portal.materials import services
from portal.materials.constants import LANGUAGES, is_known_theme
from portal.materials.models import (
    Material,
    MaterialFundamental,
    MaterialReport,
    MaterialTheme,
    ModerationState,
)
from portal.notifications.services import enqueue

#: Loaded with every resource a moderation list shows.
_LISTED = (
    joinedload(Material.posted_by),
    joinedload(Material.organisation),
    selectinload(Material.fundamentals),
)


class SharingError(Exception):
    """A sharing rule refused the action; `str(error)` is a translated message."""


class NotWaiting(SharingError):
    """The resource was decided (or edited) meanwhile."""


class AlreadyReported(SharingError):
    """This person already reported this resource."""


@dataclass(frozen=True)
class SharedFields:
    """What an ally says about a resource they share."""

    title: str
    description: str = ""
    themes: tuple[str, ...] = field(default_factory=tuple)
    fundamentals: tuple[str, ...] = field(default_factory=tuple)
    language: str | None = None
    #: One the author signed for, or None (shared in their own name).
    organisation: Organisation | None = None
    visibility: str = "allies"


def creditable_organisations(user) -> list[Organisation]:
    """The organisations `user` signed the charter for (validated), by name (one query)."""
    signed = select(Signature.organisation_id).where(
        Signature.signer_id == user.id,
        Signature.status == SignatureStatus.VALIDATED.value,
        Signature.organisation_id.is_not(None),
    )
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.id.in_(signed)).order_by(Organisation.name)
        )
    )


def _apply(material: Material, author, fields: SharedFields) -> None:
    """Copy what only shared resources have, refusing what the form never offers."""
    unknown = [key for key in fields.fundamentals if key not in FUNDAMENTALS]
    if unknown:
        raise ValueError(f"unknown fundamentals {unknown!r}")
    if fields.language is not None and fields.language not in LANGUAGES:
        raise ValueError(f"unknown language {fields.language!r}")
    organisation = fields.organisation
    # Keeping the organisation already credited is fine, even after a withdrawn signature.
    kept = organisation is not None and organisation.id == material.organisation_id
    if (
        organisation is not None
        and not kept
        and organisation not in creditable_organisations(author)
    ):
        raise ValueError("the author did not sign for this organisation")
    material.organisation_id = organisation.id if organisation else None
    material.language = fields.language
    wanted = set(fields.fundamentals)
    material.fundamentals = [f for f in material.fundamentals if f.key in wanted] + [
        MaterialFundamental(key=key)
        for key in FUNDAMENTALS
        if key in wanted and key not in {f.key for f in material.fundamentals}
    ]
    themes = set(fields.themes)  # known ones: services._apply checked the first, here all
    unknown_themes = [key for key in fields.themes if not is_known_theme(key)]
    if unknown_themes:
        raise ValueError(f"unknown themes {unknown_themes!r}")
    material.theme_links = [t for t in material.theme_links if t.key in themes] + [
        MaterialTheme(key=key)
        for key in dict.fromkeys(fields.themes)
        if key not in {t.key for t in material.theme_links}
    ]


def _to_moderation(material: Material) -> None:
    """Back in the queue: out of the library and of the search index."""
    material.status = ModerationState.PENDING.value
    material.decline_reason = ""
    db.session.flush()
    services.tell_search("remove_material", material)


def _material_fields(fields: SharedFields) -> services.MaterialFields:
    """The fields every material has."""
    return services.MaterialFields(
        title=fields.title,
        description=fields.description,
        # The first theme is the material's own: the library filters and badges read it.
        theme=fields.themes[0] if fields.themes else None,
        visibility=fields.visibility,
    )


def share_resource(
    author, fields: SharedFields, *, upload: FileStorage | None = None, url: str | None = None
) -> Material:
    """A new file or link shared with the alliance, waiting for moderation (no commit)."""
    material = services.post_material(
        None, author, _material_fields(fields), upload=upload, url=url
    )
    _apply(material, author, fields)
    _to_moderation(material)
    return material


def update_resource(
    material: Material,
    fields: SharedFields,
    *,
    upload: FileStorage | None = None,
    url: str | None = None,
) -> Material:
    """Its author's edit: saved, and back to moderation whatever its state was."""
    services.update_material(material, _material_fields(fields), upload=upload, url=url)
    _apply(material, material.posted_by, fields)
    _to_moderation(material)
    return material


# --- moderation ------------------------------------------------------------------------


def _decide(material: Material, moderator, status: str, allowed: tuple[str, ...]) -> None:
    """Record a decision on `material`, refusing one its state no longer allows."""
    now = utcnow()
    # One conditional UPDATE: of two moderators deciding at once, the second finds the
    # state changed (PostgreSQL re-reads the row once the first commits) and is refused.
    result = db.session.execute(
        update(Material)
        .where(Material.id == material.id, Material.status.in_([str(a) for a in allowed]))
        .values(status=status, moderated_by_id=moderator.id, moderated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise NotWaiting(_("This resource is no longer waiting for this decision."))
    material.status = status
    material.moderated_by_id = moderator.id
    material.moderated_at = now
    db.session.flush()


def _tell_author(material: Material, template: str, subject) -> None:
    """Email the author about a decision, in their language (nobody after deletion)."""
    author = material.posted_by
    if author is None or author.is_deleted:
        return
    enqueue(
        to=author.email,
        template=template,
        subject=subject,
        dedupe_key=f"{template}:{material.id}:{material.moderated_at.isoformat()}",
        locale=author.locale,
        user_id=author.id,
        context={
            "name": author.display_name,
            "title": material.title,
            "material_id": material.id,
            "reason": material.decline_reason,
        },
    )


def publish_resource(material: Material, moderator) -> None:
    """Publish a waiting resource in the library and tell its author (no commit)."""
    _decide(material, moderator, ModerationState.PUBLISHED.value, (ModerationState.PENDING,))
    material.decline_reason = ""
    services.tell_search("index_material", material)
    _tell_author(material, "materials/resource_published", _l("Your resource is published"))


def decline_resource(material: Material, moderator, reason: str) -> None:
    """Decline a waiting (or reported, published) resource with a reason for its author."""
    allowed = (ModerationState.PENDING, ModerationState.PUBLISHED)
    _decide(material, moderator, ModerationState.DECLINED.value, allowed)
    material.decline_reason = reason
    services.tell_search("remove_material", material)
    _tell_author(material, "materials/resource_declined", _l("Your resource was not published"))


def report_resource(material: Material, user, reason: str) -> MaterialReport:
    """Report a resource to the moderators; once per person (also under a race)."""
    taken = select(
        exists().where(MaterialReport.material_id == material.id, MaterialReport.user_id == user.id)
    )
    if db.session.scalar(taken):
        raise AlreadyReported(_("You already reported this resource."))
    report = MaterialReport(material_id=material.id, user_id=user.id, reason=reason)
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:
        raise AlreadyReported(_("You already reported this resource.")) from None
    return report


# --- lists -----------------------------------------------------------------------------


def queue_query() -> Select:
    """Resources waiting for moderation, oldest first, with their reports."""
    return (
        select(Material)
        .where(Material.status == ModerationState.PENDING.value)
        .options(*_LISTED)
        .order_by(Material.updated_at, Material.id)
    )


def resources_awaiting_moderation_count() -> int:
    """How many shared resources wait for a moderator (one query)."""
    return db.session.scalar(
        select(func.count(Material.id)).where(Material.status == ModerationState.PENDING.value)
    )


def reported_resources(limit: int = 50) -> list[Material]:
    """Published resources someone reported, most reported first (one query)."""
    counts = (
        select(MaterialReport.material_id, func.count().label("n"))
        .group_by(MaterialReport.material_id)
        .subquery()
    )
    query = (
        select(Material)
        .join(counts, counts.c.material_id == Material.id)
        .where(Material.status == ModerationState.PUBLISHED.value)
        .options(*_LISTED)
        .order_by(counts.c.n.desc(), Material.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def reports_of(materials: list[Material]) -> dict[int, list[MaterialReport]]:
    """The reports of `materials`, oldest first, by material id (one query at most)."""
    ids = [m.id for m in materials]
    if not ids:
        return {}
    found: dict[int, list[MaterialReport]] = {i: [] for i in ids}
    query = (
        select(MaterialReport)
        .where(MaterialReport.material_id.in_(ids))
        .options(joinedload(MaterialReport.user))
        .order_by(MaterialReport.created_at, MaterialReport.id)
    )
    for report in db.session.scalars(query):
        found[report.material_id].append(report)
    return found


def mine_query(user) -> Select:
    """The resources `user` shared, in any state, newest first."""
    return (
        select(Material)
        .where(
            Material.posted_by_id == user.id,
            Material.space_id.is_(None),
            Material.experience_id.is_(None),
        )
        .options(joinedload(Material.organisation))
        .order_by(Material.created_at.desc(), Material.id.desc())
    )


def set_library_editor(person, granted: bool) -> None:
    """Grant or revoke the "library editor" role: moderating shared resources (no commit)."""
    person.is_library_editor = bool(granted) and not person.is_deleted
    db.session.flush()
