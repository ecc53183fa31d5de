"""Alliance views (stub: to be written)."""

from flask import abort

from portal.alliance import bp


@bp.route("/charter")
def charter():
    """Charter."""
    abort(404)


@bp.route("/allies")
def directory():
    """Directory."""
    abort(404)
