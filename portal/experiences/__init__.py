"""Peer experience exchange: territories' write-ups, tagged, discussed, found by similarity."""

from flask import Blueprint

from portal.core import lookups

bp = Blueprint("experiences", __name__)


@bp.app_context_processor
def inject_permissions():
    """`can_experiences.can_see_experience(...)` in every template (organisation pages too)."""
    from portal.core import permissions_experiences

    return {"can_experiences": permissions_experiences}


from portal.experiences import (  # noqa: E402, F401
    attachments,
    listing,
    personal_data,
    services,
    views,
)

# Core's permission rules ask experiences, which sits above core.
lookups.register("experience_of_thread", services.experience_for_thread)
lookups.register("organisation_signatory", services.signed_for)
lookups.register("writable_organisations", services.writable_organisations)
# The organisation page of the allies directory (alliance) lists its experiences.
lookups.register("organisation_experiences", listing.organisation_experiences)
