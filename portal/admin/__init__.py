"""Administration of the alliance: signatures to validate, imports, messages, outbox, people."""

from flask import Blueprint
from flask_login import current_user

from portal.core.extensions import login_manager
from portal.core.permissions import can_manage_alliance, is_signed_in, require

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_administrator():
    """Every admin page, present and future: visitors log in first, members get a 403."""
    if not is_signed_in(current_user):
        return login_manager.unauthorized()
    require(can_manage_alliance(current_user))
    return None


from portal.admin import (  # noqa: E402, F401
    imports,
    messages,
    outbox,
    people,
    signatures,
    themes,
    views,
)
