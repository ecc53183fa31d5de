"""Rules of materials: posting, editing, deleting, and what each person may list.

Other domains call `latest_for_space(space, user)` (the space page) and
`materials_for_meeting(meeting, user)` (the session page, catch-up emails).
Every list here runs a fixed number of queries, whatever the number of materials.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import Select, func, or_, select, true
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import FileStorage

from portal.core import lookups, uploads
from portal.core.extensions import db
from portal.core.permissions import is_admin, is_signed_in
from portal.materials.constants import LIBRARY_VISIBILITIES, UPLOAD_DOMAIN, is_known_theme
from portal.materials.models import (
    Material,
    MaterialKind,
    MaterialTheme,
    ModerationState,
    Visibility,
)
from portal.meetings.models import Meeting
from portal.spaces.models import Membership, Space


@dataclass(frozen=True)
class MaterialFields:
    """What a poster describes, for a file or a link alike."""

    title: str
    description: str = ""
    theme: str | None = None
    visibility: str = Visibility.SPACE.value
    meeting: Meeting | None = None


@dataclass(frozen=True)
class LibraryFilters:
    """The /resources filters; None means "any"."""

    theme: str | None = None
    family: str | None = None


def is_web_url(url: str | None) -> bool:
    """An absolute http(s) address with a host, without spaces or control characters."""
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # e.g. an invalid IPv6 literal or port
        return False
    return parts.scheme in ("http", "https") and bool(hostname)


def tell_search(name: str, material: Material) -> None:
    """Tell the search index (portal.search.indexing.<name>) about `material` (search sits
    above materials: it registers its hooks in core.lookups)."""
    if lookups.answers(f"search.{name}"):
        lookups.ask(f"search.{name}", material)


def _apply(material: Material, space: Space | None, fields: MaterialFields) -> None:
    """Copy the described fields, refusing combinations the forms never send."""
    if fields.meeting is not None and (space is None or fields.meeting.space_id != space.id):
        raise ValueError("the session belongs to another space")
    if fields.theme is not None and not is_known_theme(fields.theme):
        raise ValueError(f"unknown theme {fields.theme!r}")
    if fields.visibility == Visibility.SPACE.value and space is None:
        raise ValueError("a material without a space cannot be for its members only")
    material.title = fields.title
    material.description = fields.description
    material.theme = fields.theme
    material.visibility = Visibility(fields.visibility).value
    material.meeting_id = fields.meeting.id if fields.meeting else None


def _attach_file(material: Material, upload: FileStorage) -> None:
    """Store `upload` (raises UploadRefused) and describe it on `material`."""
    stored = uploads.save_upload(upload, UPLOAD_DOMAIN)
    material.stored_name = stored.stored_name
    material.display_name = stored.display_name
    material.content_type = stored.content_type
    material.size = stored.size
    material.family = stored.family


def post_material(
    space: Space | None,
    poster,
    fields: MaterialFields,
    *,
    upload: FileStorage | None = None,
    url: str | None = None,
) -> Material:
    """A new file (`upload`) or link (`url`) in `space`; raises UploadRefused for a bad file."""
    if (upload is None) == (url is None):
        raise ValueError("a material is either a file or a link")
    material = Material(
        space_id=space.id if space else None, posted_by_id=poster.id if poster else None
    )
    _apply(material, space, fields)
    if url is not None:
        if not is_web_url(url):
            raise ValueError("links are http or https addresses")
        material.kind, material.url, material.family = MaterialKind.LINK.value, url, "link"
    else:
        material.kind = MaterialKind.FILE.value
        _attach_file(material, upload)
    db.session.add(material)
    db.session.flush()
    tell_search("index_material", material)
    return material


def update_material(
    material: Material,
    fields: MaterialFields,
    *,
    upload: FileStorage | None = None,
    url: str | None = None,
) -> Material:
    """Change a material's description; a new `upload` replaces a file, `url` a link's address."""
    _apply(material, material.space, fields)
    if material.is_link and url is not None:
        if not is_web_url(url):
            raise ValueError("links are http or https addresses")
        material.url = url
    if material.is_file and upload is not None:
        previous = material.stored_name
        _attach_file(material, upload)
        uploads.delete_after_commit(UPLOAD_DOMAIN, previous)
    db.session.flush()
    tell_search("index_material", material)
    return material


def delete_material(material: Material) -> None:
    """Delete a material; its file goes once the deletion commits."""
    if material.is_file:
        uploads.delete_after_commit(UPLOAD_DOMAIN, material.stored_name)
    tell_search("remove_material", material)
    db.session.delete(material)
    db.session.flush()


# --- reading ---------------------------------------------------------------------------


def visible_to(user):
    """SQL condition: the materials `user` may see (permissions.can_download_material)."""
    if is_admin(user):
        return true()
    if not is_signed_in(user):
        # Experience attachments follow their experience: listed there, not here.
        return (Material.visibility == Visibility.PUBLIC.value) & Material.experience_id.is_(None)
    my_spaces = select(Membership.space_id).where(Membership.user_id == user.id)
    return or_(
        Material.visibility.in_(LIBRARY_VISIBILITIES) & Material.experience_id.is_(None),
        Material.space_id.in_(my_spaces),
    )


def _listing(query: Select) -> Select:
    """Newest first, with what a list shows loaded in the same query."""
    return query.options(
        joinedload(Material.posted_by),
        joinedload(Material.meeting),
        joinedload(Material.space),
        joinedload(Material.organisation),
    ).order_by(Material.created_at.desc(), Material.id.desc())


def space_materials_query(space: Space, user) -> Select:
    """The materials of `space` that `user` may see, newest first."""
    return _listing(select(Material).where(Material.space_id == space.id, visible_to(user)))


def latest_for_space(space: Space, user, limit: int = 5) -> list[Material]:
    """The `limit` newest materials of `space` that `user` may see (one query)."""
    return list(db.session.scalars(space_materials_query(space, user).limit(limit)))


def materials_for_meeting(meeting: Meeting, user) -> list[Material]:
    """The materials of one session that `user` may see, oldest first (one query)."""
    query = (
        select(Material)
        .where(Material.meeting_id == meeting.id, visible_to(user))
        .options(joinedload(Material.posted_by))
        .order_by(Material.created_at, Material.id)
    )
    return list(db.session.scalars(query))


def library_query(user, filters: LibraryFilters) -> Select:
    """The alliance's library: "public" materials, and "allies" ones for signed-in members.

    Never "space" materials, whoever asks (administrators included): the library is
    what the alliance shares, not everything an administrator could open.
    """
    shared = LIBRARY_VISIBILITIES if is_signed_in(user) else (Visibility.PUBLIC.value,)
    # Attachments of experiences are shown on their experience (drafts stay private).
    # Resources shared by allies appear once a moderator published them (sharing.py).
    query = select(Material).where(
        Material.visibility.in_(shared),
        Material.experience_id.is_(None),
        Material.status == ModerationState.PUBLISHED.value,
    )
    if filters.theme:
        # A shared resource may have several themes (sharing.py): any of them matches.
        others = select(MaterialTheme.material_id).where(MaterialTheme.key == filters.theme)
        query = query.where(or_(Material.theme == filters.theme, Material.id.in_(others)))
    if filters.family:
        query = query.where(Material.family == filters.family)
    return _listing(query)


def spaces_named_for(user, materials: list[Material]) -> set[int]:
    """Ids of the spaces a list may name next to its materials: those `user` can see.

    Cohorts are private: a material shared with all allies must not reveal the
    cohort it came from to people outside it. One query at most.
    """
    spaces = {m.space for m in materials if m.space is not None}
    if not spaces or not is_signed_in(user):
        return set()
    if is_admin(user):
        return {s.id for s in spaces}
    mine = set(
        db.session.scalars(
            select(Membership.space_id).where(
                Membership.user_id == user.id, Membership.space_id.in_([s.id for s in spaces])
            )
        )
    )
    return {s.id for s in spaces if s.id in mine or (s.is_community and not s.is_archived)}


def space_meetings(space: Space) -> list[Meeting]:
    """The sessions of `space` a material may be attached to, newest first."""
    return list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.space_id == space.id)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        )
    )


def find_space(slug: str) -> Space | None:
    """The space of `slug`, or None."""
    return db.session.scalar(select(Space).where(Space.slug == slug))


def new_materials_per_space(user_id: int, since) -> dict[int, int]:
    """space id -> materials others posted in the member's spaces after `since` (an SQL
    expression over the joined Membership, e.g. spaces.visits.last_visit()); one query.
    A member sees every material of their spaces (visible_to)."""
    rows = db.session.execute(
        select(Material.space_id, func.count(Material.id))
        .join(Membership, Membership.space_id == Material.space_id)
        .where(
            Membership.user_id == user_id,
            Material.created_at > since,
            (Material.posted_by_id.is_(None)) | (Material.posted_by_id != user_id),
        )
        .group_by(Material.space_id)
    )
    return {space_id: count for space_id, count in rows}
