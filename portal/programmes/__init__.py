"""Dispositifs: the alliance's programmes, their timeline, and allies' proposals."""

from flask import Blueprint

bp = Blueprint("programmes", __name__)


@bp.app_context_processor
def inject_permissions():
    """`can_programmes.can_edit_programme(...)` and the dispositifs' labels in templates."""
    from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
    from portal.programmes import constants, permissions

    return {
        "can_programmes": permissions,
        "programme_statuses": constants.STATUSES,
        "territory_scales": constants.TERRITORY_SCALES,
        "proposal_states": constants.PROPOSAL_STATES,
        "organisation_kinds": ORGANISATION_KINDS,
        "region_names": REGIONS,
    }


from portal.programmes import personal_data, views  # noqa: E402, F401
