"""Account views (stub: to be written)."""

from flask import abort

from portal.accounts import bp
from portal.accounts.logins import load_login
from portal.core.extensions import login_manager


@login_manager.user_loader
def load_user(token: str):
    """Flask-Login gives the login token from the session or remember cookie."""
    return load_login(token)


@bp.route("/auth/login")
def login():
    """Log in."""
    abort(404)


@bp.route("/auth/register")
def register():
    """Register."""
    abort(404)


@bp.route("/auth/logout", methods=["POST"])
def logout():
    """Log out."""
    abort(404)


@bp.route("/auth/confirm/resend")
def resend_confirmation():
    """Resend."""
    abort(404)


@bp.route("/account/")
def profile():
    """Profile."""
    abort(404)
