"""What materials hold about a person: what they posted (export); nothing to erase.

Materials are contributions to a space or to the alliance's library: when their
poster deletes their account, they stay, shown as posted by "Former member"
(User.public_name), like forum posts. The poster link is what identifies a person,
and the account's own erasure already empties the name behind it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.core.extensions import db
from portal.core.personal_data import exporter
from portal.materials.models import Material


@exporter("materials")
def export_materials(user) -> list[dict]:
    """The materials you posted: what, where, for whom (metadata, not the files)."""
    materials = db.session.scalars(
        select(Material)
        .where(Material.posted_by_id == user.id)
        .options(joinedload(Material.space), joinedload(Material.meeting))
        .order_by(Material.created_at, Material.id)
    )
    return [
        {
            "title": m.title,
            "description": m.description,
            "kind": m.kind,
            "file_name": m.display_name or None,
            "content_type": m.content_type or None,
            "size": m.size if m.is_file else None,
            "url": m.url,
            "space": m.space.title if m.space else None,
            "session": m.meeting.title if m.meeting else None,
            "theme": m.theme,
            "visibility": m.visibility,
            "status": m.status,
            "language": m.language,
            "created_at": m.created_at.isoformat(),
            "updated_at": m.updated_at.isoformat() if m.updated_at else None,
        }
        for m in materials
    ]
