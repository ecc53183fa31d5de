"""The Assemblée des alliés: its yearly editions and their phases (consultation,
evaluation, vote, results)."""

from flask import Blueprint

bp = Blueprint("assembly", __name__)

from portal.assembly.links import part_url  # noqa: E402

bp.add_app_template_global(part_url)

from portal.assembly.vote import admin as _vote_admin  # noqa: E402, F401
from portal.assembly.vote import views as _vote_views  # noqa: E402, F401
