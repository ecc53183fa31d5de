"""Accounts: registration, confirmation, login, password reset, profile, personal data."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.core.extensions import login_manager
from portal.notifications.unsubscribe import register_member_loader

bp = Blueprint("accounts", __name__)

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.login_message_category = "info"
# The message is lazy: Flask-Login flashes it through this callback, in the page language.
login_manager.localize_callback = str
# "basic": a session moved to another browser or address is marked non-fresh, not dropped;
# the server-side login records (logins.py) are what really end a login.
login_manager.session_protection = "basic"

from portal.accounts import personal, views  # noqa: E402, F401


def _member(user_id: int):
    """The account of `user_id`, or None (the email engine's unsubscribe page asks)."""
    from portal.accounts.models import User
    from portal.core.extensions import db

    return db.session.get(User, user_id)


register_member_loader(_member)
