"""The Assemblée des alliés: its yearly editions and their phases (consultation,
evaluation, vote, results)."""

from flask import Blueprint

bp = Blueprint("assembly", __name__)

from portal.assembly.links import part_url  # noqa: E402

bp.add_app_template_global(part_url)

# Each part of the assembly attaches its pages to the blueprint.
from portal.assembly.contributions import views as contributions_views  # noqa: E402, F401
from portal.assembly.questionnaire import views as questionnaire_views  # noqa: E402, F401
