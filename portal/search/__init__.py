"""Search: one index of materials, forum posts and experiences, and the /search page."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from portal.search import cli, views  # noqa: E402, F401
