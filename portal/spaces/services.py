"""Rules of spaces: creating and editing them, facilitators, joining and leaving, archiving.

Invitations live in invitations.py, list queries in queries.py. Services add and
flush; the caller commits.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.core import uploads
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.text import slugify
from portal.spaces.constants import DEFAULT_COVER, RESERVED_SLUGS, SLUG_MAX
from portal.spaces.models import Membership, Space, SpaceKind, SpaceRole

#: The folder of cover images under UPLOAD_ROOT.
COVER_DOMAIN = "covers"
#: The fields of the space form that create_space() and update_space() take.
SPACE_FIELDS = (
    "title",
    "description",
    "kind",
    "timezone",
    "starts_on",
    "ends_on",
    "cover_colour",
)


class SpaceRuleError(ValueError):
    """A change the rules of spaces refuse (the message is for people)."""


def reminder_offsets(values) -> list[int]:
    """Offsets in minutes, positive, without repeats, longest first ([] means no reminder)."""
    offsets = {int(value) for value in values or []}
    if any(offset <= 0 for offset in offsets):
        raise SpaceRuleError("a reminder goes out before the session")
    return sorted(offsets, reverse=True)


def role_in(user_id: int, space_id: int) -> str | None:
    """The role of user `user_id` in space `space_id`, or None (one query)."""
    return db.session.scalar(
        select(Membership.role).where(
            Membership.user_id == user_id, Membership.space_id == space_id
        )
    )


def find_space(slug: str) -> Space | None:
    """The space of `slug`, archived or not."""
    if not slug or len(slug) > SLUG_MAX:
        return None
    return db.session.scalar(select(Space).where(Space.slug == slug))


def unique_slug(title: str) -> str:
    """A free slug for `title`: "mise-en-recit", then "mise-en-recit-2", "-3"...

    One query fetches every slug of the family, so clashes cost nothing more.
    """
    base = slugify(title, max_length=SLUG_MAX - 6) or "space"
    taken = set(
        db.session.scalars(
            select(Space.slug).where((Space.slug == base) | Space.slug.like(f"{base}-%"))
        )
    )
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _check_dates(kind: str, starts_on: date | None, ends_on: date | None) -> None:
    """Cohorts run between two dates, the end not before the start."""
    if kind == SpaceKind.COHORT.value:
        if starts_on is None or ends_on is None:
            raise SpaceRuleError("a cohort needs a start and an end date")
        if ends_on < starts_on:
            raise SpaceRuleError("a cohort cannot end before it starts")


def _apply(space: Space, fields: dict) -> None:
    """Copy the form fields onto `space`; communities carry no dates."""
    for name in SPACE_FIELDS:
        setattr(space, name, fields[name])
    if "reminder_offsets" in fields:  # optional: callers that do not choose keep the default
        space.reminder_offsets = reminder_offsets(fields["reminder_offsets"])
    space.title = space.title.strip()
    space.description = (space.description or "").strip()
    space.cover_colour = space.cover_colour or DEFAULT_COVER
    if space.kind == SpaceKind.COMMUNITY.value:
        space.starts_on = space.ends_on = None
    _check_dates(space.kind, space.starts_on, space.ends_on)


def create_space(creator, **fields) -> Space:
    """A new cohort or community, with a unique slug made from its title."""
    space = Space(created_by_id=creator.id if creator else None, created_at=utcnow())
    _apply(space, fields)
    space.slug = unique_slug(space.title)
    db.session.add(space)
    db.session.flush()
    return space


def update_space(space: Space, **fields) -> None:
    """Edit a space; its slug stays, so links already shared keep working."""
    if space.is_archived:
        raise SpaceRuleError("an archived space is read-only")
    _apply(space, fields)
    db.session.flush()


def set_cover_image(space: Space, upload) -> None:
    """Store `upload` as the cover (raises UploadRefused); the old file goes once committed."""
    stored = uploads.save_upload(upload, COVER_DOMAIN)
    remove_cover_image(space)
    space.cover_image = stored.stored_name
    space.cover_image_type = stored.content_type
    db.session.flush()


def remove_cover_image(space: Space) -> None:
    """Drop the cover image (the colour remains); the file goes once committed."""
    if space.cover_image:
        uploads.delete_after_commit(COVER_DOMAIN, space.cover_image)
    space.cover_image = None
    space.cover_image_type = None


def archive_space(space: Space) -> bool:
    """Make `space` read-only and hide it from listings; False if it already was."""
    if space.is_archived:
        return False
    space.archived_at = utcnow()
    db.session.flush()
    return True


def restore_space(space: Space) -> bool:
    """Bring an archived space back; False if it was not archived."""
    if not space.is_archived:
        return False
    space.archived_at = None
    db.session.flush()
    return True


def membership_of(space: Space, user) -> Membership | None:
    """`user`'s membership of `space`, if any."""
    return db.session.scalar(
        select(Membership).where(Membership.space_id == space.id, Membership.user_id == user.id)
    )


def _add_member(space: Space, user, role: str) -> Membership:
    """Insert a membership; a twin inserted concurrently is returned instead of failing."""
    from sqlalchemy.exc import IntegrityError

    membership = Membership(space_id=space.id, user_id=user.id, role=role, joined_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(membership)
    except IntegrityError:
        return membership_of(space, user)
    return membership


def appoint_facilitator(space: Space, user) -> bool:
    """Make `user` a facilitator of `space` (joining it if needed); False if already one."""
    if space.is_archived:
        raise SpaceRuleError("an archived space is read-only")
    if user.is_deleted:
        raise SpaceRuleError("a deleted account cannot facilitate")
    membership = membership_of(space, user)
    if membership is None:
        _add_member(space, user, SpaceRole.FACILITATOR.value)
        return True
    if membership.is_facilitator:
        return False
    membership.role = SpaceRole.FACILITATOR.value
    db.session.flush()
    return True


def remove_facilitator(space: Space, user) -> bool:
    """`user` stays in `space` as a member; False if they were not facilitating it."""
    if space.is_archived:
        raise SpaceRuleError("an archived space is read-only")
    membership = membership_of(space, user)
    if membership is None or not membership.is_facilitator:
        return False
    membership.role = SpaceRole.MEMBER.value
    db.session.flush()
    return True


def join(space: Space, user) -> bool:
    """`user` joins the community `space`; False if they already belong to it.

    The permission (confirmed account, open community) is the caller's check;
    the kind is checked again here because a cohort is never joined this way.
    """
    if not space.is_community or space.is_archived:
        raise SpaceRuleError("only an open community can be joined in one click")
    if membership_of(space, user) is not None:
        return False
    _add_member(space, user, SpaceRole.MEMBER.value)
    return True


def leave(space: Space, user) -> bool:
    """`user` leaves the community `space`; False if they were not a member."""
    if not space.is_community or space.is_archived:
        raise SpaceRuleError("only an open community can be left in one click")
    membership = membership_of(space, user)
    if membership is None:
        return False
    db.session.delete(membership)
    db.session.flush()
    return True
