"""Materials: files and links shared in spaces and sessions, and the resource library."""

from flask import Blueprint

bp = Blueprint("materials", __name__)

from portal.materials import library, personal_data, sharing_views, views  # noqa: E402, F401
