"""Who may do what with dispositifs: one function per question, for views and templates.

Each accepts an anonymous user. The catalogue, a programme's page and the timeline are
public; views check nothing for them.
"""

from __future__ import annotations

from portal.core.permissions import (
    can_sign_charter,
    is_admin,
    is_facilitator,
    is_signed_in,
    preload_space_roles,
)


def can_manage_programmes(user) -> bool:
    """Create programmes, change their kind and editions, add milestones: administrators."""
    return is_admin(user)


def can_edit_programme(user, programme) -> bool:
    """Administrators, and the facilitators of a space running it (its page's text)."""
    if is_admin(user):
        return True
    if not is_signed_in(user):
        return False
    spaces = [e.space for e in programme.editions if not e.space.is_archived]
    preload_space_roles(user, spaces)  # one query for all the editions
    return any(is_facilitator(user, space) for space in spaces)


def can_edit_editions(user, programme) -> bool:
    """Which spaces run a programme is the administrators' choice."""
    return is_admin(user)


def can_manage_milestones(user) -> bool:
    """Add, edit and delete the timeline's milestones."""
    return is_admin(user)


def can_propose_programme(user) -> bool:
    """Allies with a validated signature (and administrators) propose a dispositif."""
    if is_admin(user):
        return True
    if not can_sign_charter(user):
        return False
    from portal.alliance.services import is_ally

    return is_ally(user)


def can_review_proposals(user) -> bool:
    """The queue of proposals, questions back, publishing and declining."""
    return is_admin(user)


def can_see_proposal(user, proposal) -> bool:
    """The proposer and the administrators."""
    if is_admin(user):
        return True
    return is_signed_in(user) and proposal.proposer_id == user.id


def can_write_in_proposal(user, proposal) -> bool:
    """While it is open: administrators ask, the proposer answers."""
    return proposal.is_open and can_see_proposal(user, proposal)


def can_decide_proposal(user, proposal) -> bool:
    """Publish or decline an open proposal."""
    return proposal.is_open and can_review_proposals(user)
