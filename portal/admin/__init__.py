"""Administration of the alliance: signatures to validate, imports, messages, outbox."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from portal.admin import messages, views  # noqa: E402, F401
