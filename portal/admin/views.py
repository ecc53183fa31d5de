"""Admin views (stub: to be written)."""

from flask import abort

from portal.admin import bp


@bp.route("/")
def index():
    """Admin home."""
    abort(404)
