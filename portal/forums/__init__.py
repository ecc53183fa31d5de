"""Forums: threads and posts inside each space, moderation, subscriptions."""

from flask import Blueprint

bp = Blueprint("forums", __name__)

from portal.forums import personal_data, views  # noqa: E402, F401
