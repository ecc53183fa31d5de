"""Home, language switcher, legal pages and the health check."""

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.core.extensions import csrf, db
from portal.core.i18n import is_supported_locale
from portal.core.security import safe_next_url
from portal.site import bp


@bp.route("/")
def home():
    """What the alliance is, how many allies, and where to start."""
    return render_template("site/home.html")


@bp.route("/language", methods=["POST"])
def set_language():
    """Switch the interface language (and remember it on the profile)."""
    code = request.form.get("language")
    if not is_supported_locale(code):
        abort(400, _("Unknown language."))
    session["locale"] = code
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("site.home"))


@bp.route("/accessibilite")
def accessibility():
    """The accessibility statement (stub)."""
    abort(404)


@bp.route("/confidentialite")
def privacy():
    """The privacy notice (stub)."""
    abort(404)


@bp.route("/healthz")
@csrf.exempt
def healthz():
    """Liveness and database check for load balancers and monitoring."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
