"""The Assemblée des alliés: its yearly editions and their phases (consultation,
evaluation, vote, results)."""

from flask import Blueprint

bp = Blueprint("assembly", __name__)

from portal.assembly.links import part_url  # noqa: E402

bp.add_app_template_global(part_url)

from portal.assembly.contributions import views as contributions_views  # noqa: E402, F401
