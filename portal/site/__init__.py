"""The site itself: home, language switch, accessibility statement, privacy, health."""

from flask import Blueprint

bp = Blueprint("site", __name__)

from portal.site import views  # noqa: E402, F401
