"""Alliance: organisations, charter signatures, the allies directory, CSV import/export."""

from flask import Blueprint

from portal.core import lookups

bp = Blueprint("alliance", __name__)

from portal.alliance import personal_data, services, views  # noqa: E402, F401

# Core's permission rules (who may write experiences) ask alliance, which sits above core.
lookups.register("listed_charter_version", services.listed_version)
lookups.register("is_ally", services.is_ally)
