"""Who may do what with contributions: one function per question, for views and templates.

Reading and commenting are open to every signed-in, confirmed person (the portal's allies,
as for experiences); anonymous visitors are sent to the login page. Contributing and
supporting need a validated signature (one's own or for an organisation) and the
consultation phase open; comments stay open after the phase, as the thread of any
contribution (it stays readable, and the answers may be discussed).
"""

from __future__ import annotations

from datetime import datetime

from portal.assembly.constants import Phase
from portal.core.db import utcnow
from portal.core.permissions import is_admin, is_signed_in


def _signed(user) -> bool:
    """`user` has a validated signature (asked once per request)."""
    from flask import g, has_app_context

    from portal.alliance.services import is_ally

    if not is_signed_in(user):
        return False
    if not has_app_context():
        return is_ally(user)
    cache = g.setdefault("_assembly_signed", {})
    if user.id not in cache:
        cache[user.id] = is_ally(user)
    return cache[user.id]


def consultation_open(edition, now: datetime | None = None) -> bool:
    """The edition's consultation phase is open (now, by default)."""
    return edition.is_open(Phase.CONSULTATION.value, now or utcnow())


def can_read_contributions(user) -> bool:
    """The contributions are public to allies: anyone signed in."""
    return is_signed_in(user)


def can_see_contribution(user, contribution) -> bool:
    """One contribution: anyone signed in, during the phase and after it."""
    return contribution is not None and can_read_contributions(user)


def can_comment_on_contribution(user, contribution) -> bool:
    """Post in a contribution's thread: confirmed people signed in, phase open or not."""
    return can_see_contribution(user, contribution) and user.is_confirmed


def can_contribute(user, edition, now: datetime | None = None) -> bool:
    """Submit a contribution: a confirmed signed ally, while the consultation is open."""
    return (
        is_signed_in(user)
        and user.is_confirmed
        and consultation_open(edition, now)
        and _signed(user)
    )


def can_edit_contribution(user, contribution, now: datetime | None = None) -> bool:
    """Its author, until the phase closes or it is answered."""
    return (
        is_signed_in(user)
        and contribution.author_id == user.id
        and not contribution.is_answered
        and consultation_open(contribution.edition, now)
    )


def can_support(user, contribution, now: datetime | None = None) -> bool:
    """Support (or withdraw one's support): signed allies while the phase is open; a merged
    contribution's supports live on the one it was merged into."""
    return (
        is_signed_in(user)
        and user.is_confirmed
        and not contribution.is_merged
        and consultation_open(contribution.edition, now)
        and _signed(user)
    )


def can_answer_contribution(user, contribution=None) -> bool:
    """Answer (retain, merge, not retain): administrators, during the phase or after it."""
    return is_admin(user)


#: The questions core.permissions asks about contribution threads (core.lookups).
_THREAD_QUESTIONS = {
    "can_see": can_see_contribution,
    "can_post": can_comment_on_contribution,
}


def ask(question: str, user, contribution) -> bool:
    """Answer core's forum rule `question` ("can_see", "can_post") for a contribution."""
    rule = _THREAD_QUESTIONS.get(question)
    return rule is not None and rule(user, contribution)
