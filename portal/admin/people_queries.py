"""What the administrators' people pages read: search, filters, and the facts of each person.

It reads accounts and spaces, so it lives above both, with the pages (it was
portal/accounts/people_admin.py, which made accounts import spaces).

The list loads its page in a fixed number of queries: the people with their
organisation, then one query for the facts of the whole page (last login, spaces).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import LoginSession, Role, User
from portal.accounts.twofactor import facilitates_a_space
from portal.core.extensions import db
from portal.spaces.models import Membership, Space, SpaceRole

#: The list's filters; every one but "deleted" leaves deleted accounts out.
SHOW_CHOICES = ("all", "administrators", "facilitators", "two-factor", "deleted")
#: Longest search accepted (an address has at most 254 characters).
SEARCH_MAX = 254


@dataclass(frozen=True)
class Facts:
    """What the list shows of a person beyond their row: last login and spaces."""

    last_login_at: datetime | None = None
    facilitated_spaces: int = 0
    member_spaces: int = 0


def people_query(show: str, search: str | None):
    """The people of one filter, by name, whose name or address contains `search`
    (case-insensitive; "%" and "_" are plain characters)."""
    query = (
        select(User)
        .options(joinedload(User.organisation))
        .order_by(func.lower(User.display_name), User.id)
    )
    if show == "deleted":
        query = query.where(User.deleted_at.is_not(None))
    else:
        query = query.where(User.deleted_at.is_(None))
    if show == "administrators":
        query = query.where(User.role == Role.ADMIN.value)
    elif show == "facilitators":
        query = query.where(facilitates_a_space(User.id))
    elif show == "two-factor":
        # Turning it on or off sets both columns; the date alone tells (User.has_two_factor).
        query = query.where(User.two_factor_enabled_at.is_not(None))
    if search:
        query = query.where(
            or_(
                User.display_name.icontains(search, autoescape=True),
                User.email.icontains(search, autoescape=True),
            )
        )
    return query


def facts_of(user_ids: list[int]) -> dict[int, Facts]:
    """The facts of these people, in one query whatever their number."""
    if not user_ids:
        return {}

    def spaces(*conditions):
        return (
            select(func.count(Membership.id))
            .where(Membership.user_id == User.id, *conditions)
            .scalar_subquery()
        )

    last_login = (
        select(func.max(LoginSession.created_at))
        .where(LoginSession.user_id == User.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            User.id,
            last_login,
            spaces(Membership.role == SpaceRole.FACILITATOR.value),
            spaces(Membership.role != SpaceRole.FACILITATOR.value),
        ).where(User.id.in_(user_ids))
    )
    return {
        user_id: Facts(last_login_at=last, facilitated_spaces=led, member_spaces=joined)
        for user_id, last, led, joined in rows
    }


def memberships_of(user: User) -> list:
    """The person's spaces with their role there, by title (archived ones included)."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(Membership.space)
            .options(joinedload(Membership.space))
            .where(Membership.user_id == user.id)
            .order_by(func.lower(Space.title), Space.id)
        )
    )
