"""Peer experience exchange: territories' write-ups, tagged, discussed, found by similarity."""

from flask import Blueprint

bp = Blueprint("experiences", __name__)


@bp.app_context_processor
def inject_permissions():
    """`can_experiences.can_see_experience(...)` in every template (organisation pages too)."""
    from portal.core import permissions_experiences

    return {"can_experiences": permissions_experiences}


from portal.experiences import attachments, personal_data, views  # noqa: E402, F401
