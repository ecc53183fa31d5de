"""Alliance: organisations, charter signatures, the allies directory, CSV import/export."""

from flask import Blueprint

bp = Blueprint("alliance", __name__)

from portal.alliance import personal_data, views  # noqa: E402, F401
