"""Who may do what in the vote: one function per question, for views and templates."""

from __future__ import annotations

from portal.alliance.services.standing import is_ally
from portal.core.permissions import is_admin, is_signed_in


def can_see_vote(user) -> bool:
    """The vote page: signed-in people (those without a voice read why)."""
    return is_signed_in(user)


def can_stand(user) -> bool:
    """Standing for an election: allies (a validated signature)."""
    return is_signed_in(user) and is_ally(user)


def can_check_receipt(user) -> bool:
    """Checking a receipt code: signed-in people (the code itself is the secret)."""
    return is_signed_in(user)


def can_prepare_vote(user) -> bool:
    """Motions, elections, candidacies, settings and minutes: administrators."""
    return is_admin(user)


def can_give_proxy(user) -> bool:
    """Asking to give a proxy: signed-in people; the service accepts only the voice of an
    organisation they signed for."""
    return is_signed_in(user)
