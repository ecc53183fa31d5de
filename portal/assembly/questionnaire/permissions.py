"""Who may do what with an edition's questionnaire: one function per question, for views and
templates alike (the phase's dates are checked again by the services)."""

from __future__ import annotations

from datetime import datetime

from portal.assembly.constants import Phase
from portal.core import lookups
from portal.core.permissions import is_admin, is_signed_in


def can_compose_questionnaire(user) -> bool:
    """Compose the questionnaire (its questions, their order): administrators."""
    return is_admin(user)


def can_answer_questionnaire(user, edition, now: datetime) -> bool:
    """Answer (or change one's answer): signed allies, while the evaluation phase is open."""
    return (
        is_signed_in(user)
        and edition.is_open(Phase.EVALUATION.value, now)
        and bool(lookups.ask("is_ally", user))
    )


def can_see_questionnaire_results(user, edition, now: datetime) -> bool:
    """Read the results: signed-in people once the evaluation has closed; administrators
    may preview them before."""
    if is_admin(user):
        return True
    return is_signed_in(user) and edition.has_closed(Phase.EVALUATION.value, now)


def can_export_questionnaire(user) -> bool:
    """Download the anonymous answers as CSV: administrators."""
    return is_admin(user)


def is_questionnaire_respondent(user) -> bool:
    """Someone who may answer a questionnaire when one is open: a signed ally."""
    return is_signed_in(user) and bool(lookups.ask("is_ally", user))
