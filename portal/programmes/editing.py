"""Writing dispositifs: their fields, slugs, and the spaces that run them (editions)."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.text import slugify
from portal.programmes.constants import RESERVED_SLUGS, SLUG_MAX
from portal.programmes.models import Programme, ProgrammeEdition
from portal.spaces.models import Space

#: The text fields of a programme, as forms and the demo give them.
PROGRAMME_FIELDS = (
    "title",
    "summary",
    "description",
    "kind",
    "audience_kinds",
    "territory_scale",
    "regions",
    "format",
    "duration",
    "starts_on",
    "ends_on",
    "contact_name",
    "contact_email",
    "contact_url",
)
#: What a facilitator of a linked space may change: the page, not its kind or editions.
FACILITATOR_FIELDS = (
    "summary",
    "description",
    "format",
    "duration",
    "contact_name",
    "contact_email",
    "contact_url",
)


class ProgrammeRuleError(ValueError):
    """A change the rules of dispositifs refuse (the message is for people)."""


def unique_slug(title: str) -> str:
    """A free slug for `title`, never one of the fixed routes under /dispositifs/."""
    base = slugify(title, max_length=SLUG_MAX - 6) or "dispositif"
    taken = set(
        db.session.scalars(
            select(Programme.slug).where(
                (Programme.slug == base) | Programme.slug.like(f"{base}-%")
            )
        )
    )
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _apply(programme: Programme, fields: dict, names) -> None:
    """Copy `names` from `fields` onto `programme`; the end is not before the start."""
    for name in names:
        if name in fields:
            setattr(programme, name, fields[name])
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        raise ProgrammeRuleError("a dispositif cannot end before it starts")


def create_programme(fields: dict, slug: str | None = None) -> Programme:
    """A new programme with a unique slug made from its title (or `slug` if free)."""
    programme = Programme(created_at=utcnow(), updated_at=utcnow())
    _apply(programme, fields, PROGRAMME_FIELDS)
    programme.slug = slug or unique_slug(programme.title)
    db.session.add(programme)
    db.session.flush()
    return programme


def update_programme(programme: Programme, fields: dict, *, all_fields: bool = True) -> None:
    """Edit a programme; facilitators (`all_fields=False`) change only its page's text."""
    _apply(programme, fields, PROGRAMME_FIELDS if all_fields else FACILITATOR_FIELDS)
    db.session.flush()


def free_spaces() -> list[Space]:
    """Spaces not running any programme yet (archived ones left out), by title."""
    taken = select(ProgrammeEdition.space_id)
    return list(
        db.session.scalars(
            select(Space)
            .where(Space.id.not_in(taken), Space.archived_at.is_(None))
            .order_by(Space.title, Space.id)
        )
    )


def add_edition(programme: Programme, space: Space, label: str = "", position=None):
    """Link `space` to `programme` as an edition (after the others unless `position`)."""
    taken = db.session.scalar(
        select(ProgrammeEdition.id).where(ProgrammeEdition.space_id == space.id)
    )
    if taken:
        raise ProgrammeRuleError("this space already runs a dispositif")
    if position is None:
        last = db.session.scalar(
            select(func.max(ProgrammeEdition.position)).where(
                ProgrammeEdition.programme_id == programme.id
            )
        )
        position = (last or 0) + 1
    edition = ProgrammeEdition(
        programme_id=programme.id, space_id=space.id, label=label, position=position
    )
    db.session.add(edition)
    db.session.flush()
    db.session.expire(programme, ["editions"])
    return edition


def remove_edition(edition: ProgrammeEdition) -> None:
    """Unlink an edition's space (the space itself stays)."""
    db.session.delete(edition)
    db.session.flush()
