"""What experiences hold about a person: what they wrote, what helped them.

Experiences belong to their organisation: when their author deletes their account
they stay, shown as written by "Former member" (User.public_name). The "this
helped me" marks are the person's own reading traces: they are removed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion
from portal.experiences import services
from portal.experiences.models import Experience, HelpfulMark


@exporter("experiences")
def export_experiences(user) -> dict:
    """The experiences you wrote, and those you marked as helpful."""
    written = db.session.scalars(
        select(Experience)
        .where(Experience.author_id == user.id)
        .options(joinedload(Experience.organisation))
        .order_by(Experience.created_at, Experience.id)
    )
    marks = db.session.execute(
        select(HelpfulMark.created_at, Experience.id, Experience.title)
        .join(Experience, Experience.id == HelpfulMark.experience_id)
        .where(HelpfulMark.user_id == user.id)
        .order_by(HelpfulMark.created_at)
    )
    return {
        "written": [
            {
                "title": e.title,
                "organisation": e.organisation.name,
                "status": e.status,
                "visibility": e.visibility,
                **{part: getattr(e, part) for part in services.TEXT_PARTS},
                "contact_name": e.contact_name,
                "contact_details": e.contact_details,
                "created_at": e.created_at.isoformat(),
                "published_at": e.published_at.isoformat() if e.published_at else None,
            }
            for e in written
        ],
        "marked_helpful": [
            {"experience": row.title, "marked_at": row.created_at.isoformat()} for row in marks
        ],
    }


@on_account_deletion
def erase_helpful_marks(user) -> None:
    """Remove the deleted account's marks (the counts go down); the write-ups stay."""
    services.erase_helpful_marks(user.id)
