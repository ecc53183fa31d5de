"""Rules of spaces: memberships, joining, invitations."""

from __future__ import annotations

from sqlalchemy import select

from portal.core.extensions import db
from portal.spaces.models import Membership


def role_in(user_id: int, space_id: int) -> str | None:
    """The role of user `user_id` in space `space_id`, or None (one query)."""
    return db.session.scalar(
        select(Membership.role).where(
            Membership.user_id == user_id, Membership.space_id == space_id
        )
    )
