"""Forums: threads and posts inside each space, moderation, subscriptions."""

from flask import Blueprint

from portal.spaces.page import register_panel

bp = Blueprint("forums", __name__)

from portal.forums import personal_data, services, views  # noqa: E402, F401

# The space page's "latest threads" panel (spaces sits below and does not import forums).
register_panel("threads", services.latest_threads)
