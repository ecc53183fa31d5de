"""Names of the assembly's phases, in the order they come."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class Phase(enum.StrEnum):
    """A phase of an assembly edition: each opens and closes by itself at its dates."""

    CONSULTATION = "consultation"
    EVALUATION = "evaluation"
    VOTE = "vote"
    RESULTS = "results"


#: Phases in their order, with their names as allies read them.
PHASES = {
    Phase.CONSULTATION.value: _l("Consultation"),
    Phase.EVALUATION.value: _l("Evaluation"),
    Phase.VOTE.value: _l("Vote"),
    Phase.RESULTS.value: _l("Results"),
}

#: The zone the assembly's dates are entered and decided in (shown in the reader's zone).
ASSEMBLY_ZONE = "Europe/Paris"
