"""Who may do what on the governance pages and editions (one function per question)."""

from __future__ import annotations

from portal.core.permissions import is_admin


def can_manage_governance(user) -> bool:
    """Edit the purpose, the board and the documents: administrators."""
    return is_admin(user)


def can_manage_editions(user) -> bool:
    """Create and edit the assembly's editions: administrators."""
    return is_admin(user)
