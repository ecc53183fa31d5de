"""The Assemblée des alliés: its yearly editions and their phases (consultation,
evaluation, vote, results)."""

from flask import Blueprint

from portal.assembly.links import part_url
from portal.notifications.schedulers import register_scheduler

bp = Blueprint("assembly", __name__)
bp.add_app_template_global(part_url)

# The emails that tell allies a phase opened read editions: they register with the engine.
from portal.assembly.governance import emails as governance_emails  # noqa: E402

register_scheduler(
    "assembly-phases",
    governance_emails.schedule_phase_emails,
    lambda: governance_emails.PHASE_HORIZON,
    position=40,
)

# Each part of the assembly attaches its pages to the blueprint.
from portal.assembly.contributions import views as contributions_views  # noqa: E402, F401
from portal.assembly.governance import manage, views  # noqa: E402, F401
from portal.assembly.questionnaire import views as questionnaire_views  # noqa: E402, F401
from portal.assembly.vote import admin as _vote_admin  # noqa: E402, F401
from portal.assembly.vote import views as _vote_views  # noqa: E402, F401
