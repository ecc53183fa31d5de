"""Who may do what with the yearly reports: one function per question.

A published report is public; drafts, editing and publishing are the administrators'.
"""

from __future__ import annotations

from portal.core.permissions import is_admin


def can_manage_reports(user) -> bool:
    """Create reports, write their editorial parts, publish and correct them."""
    return is_admin(user)


def can_see_drafts(user) -> bool:
    """Unpublished reports and their live figures."""
    return is_admin(user)
