"""Materials: files and links shared in spaces and sessions, and the resource library."""

from flask import Blueprint

from portal.spaces.page import register_panel

bp = Blueprint("materials", __name__)

from portal.materials import (  # noqa: E402, F401
    library,
    personal_data,
    services,
    sharing_views,
    views,
)

# The space page's "latest materials" panel (spaces sits below and does not import materials).
register_panel("materials", services.latest_for_space)
