"""Resources shared: the library's resources published in the year, and the materials
posted in spaces in the year (counted, never shown: a space's materials may be private).

A library resource is in no space and attached to no experience; it is published in the
year when its moderation (or, for one posted by the coordination, its posting) falls in it.
Materials attached to experiences go with the experiences and are not counted here.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, select

from portal.core.extensions import db
from portal.materials.models import Material, ModerationState
from portal.reports.figures.period import Period, count


def resources_section(period: Period) -> dict:
    """The resources section (one query)."""
    published_at = func.coalesce(Material.moderated_at, Material.created_at)
    in_library = and_(
        Material.space_id.is_(None),
        Material.experience_id.is_(None),
        period.contains(published_at),
    )
    in_spaces = and_(Material.space_id.is_not(None), period.contains(Material.created_at))
    library, spaces = db.session.execute(
        select(func.count(case((in_library, 1))), func.count(case((in_spaces, 1)))).where(
            Material.status == ModerationState.PUBLISHED.value
        )
    ).one()
    library, spaces = count(library), count(spaces)
    return {
        "totals": {"shared": library + spaces, "library": library, "in_spaces": spaces},
        "breakdowns": {},
    }
