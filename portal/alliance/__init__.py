"""Alliance: organisations, charter signatures, the allies directory, CSV import/export."""

from flask import Blueprint

bp = Blueprint("alliance", __name__)

from portal.alliance import views  # noqa: E402, F401
