"""Read-side queries of spaces: listings, member lists, counts; each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from portal.accounts.models import User
from portal.core.extensions import db
from portal.spaces.models import Invitation, Membership, Space, SpaceKind, SpaceRole

#: The filters of /spaces: everything I can see, mine only, communities to join.
LISTING_FILTERS = ("all", "mine", "joinable")


def listing_query(user, show: str = "all"):
    """Unarchived spaces `user` belongs to, then open communities, by title.

    Cohorts the user is not in never appear: they are private.
    """
    mine = aliased(Membership)
    query = (
        select(Space)
        .outerjoin(mine, and_(mine.space_id == Space.id, mine.user_id == user.id))
        .where(Space.archived_at.is_(None))
    )
    if show == "mine":
        query = query.where(mine.id.is_not(None))
    elif show == "joinable":
        query = query.where(mine.id.is_(None), Space.kind == SpaceKind.COMMUNITY.value)
    else:
        query = query.where(or_(mine.id.is_not(None), Space.kind == SpaceKind.COMMUNITY.value))
    belongs_first = case((mine.id.is_not(None), 0), else_=1)
    return query.order_by(belongs_first, func.lower(Space.title), Space.id)


def manage_query():
    """Every space, archived last, for the administrators' list."""
    archived_last = case((Space.archived_at.is_(None), 0), else_=1)
    return select(Space).order_by(archived_last, func.lower(Space.title), Space.id)


def facilitates_a_space(user_id):
    """SQL: whether the user (an id or a column) facilitates at least one space
    (accounts' two-factor rule asks it: see spaces/__init__.py)."""
    return exists().where(
        Membership.user_id == user_id, Membership.role == SpaceRole.FACILITATOR.value
    )


def roles_of(user, spaces: list[Space]) -> dict[int, str]:
    """space id -> `user`'s role, for the spaces of one page (one query)."""
    if not spaces or user is None:
        return {}
    rows = db.session.execute(
        select(Membership.space_id, Membership.role).where(
            Membership.user_id == user.id, Membership.space_id.in_([s.id for s in spaces])
        )
    )
    return {row.space_id: row.role for row in rows}


def member_counts(spaces: list[Space]) -> dict[int, int]:
    """space id -> number of members (facilitators included), for one page (one query)."""
    if not spaces:
        return {}
    rows = db.session.execute(
        select(Membership.space_id, func.count(Membership.id))
        .where(Membership.space_id.in_([s.id for s in spaces]))
        .group_by(Membership.space_id)
    )
    return {space_id: count for space_id, count in rows}


def members_query(space: Space):
    """The memberships of `space` with their users: facilitators first, then by name."""
    facilitators_first = case((Membership.role == SpaceRole.FACILITATOR.value, 0), else_=1)
    return (
        select(Membership)
        .join(Membership.user)
        .options(contains_eager(Membership.user))
        .where(Membership.space_id == space.id)
        .order_by(facilitators_first, func.lower(User.display_name), Membership.id)
    )


def facilitators_query(space: Space):
    """The facilitators of `space` with their users, by name (the member list's order)."""
    # Filtered in SQL: the page lists a handful of facilitators, not every member.
    return members_query(space).where(Membership.role == SpaceRole.FACILITATOR.value)


@dataclass
class SpacePeople:
    """Who is in a space, as the space page shows it."""

    facilitators: list[Membership]
    members: list[Membership]
    total: int

    @property
    def more(self) -> int:
        """How many members the page does not show."""
        return self.total - len(self.facilitators) - len(self.members)


def space_people(space: Space, limit: int) -> SpacePeople:
    """Facilitators and the first `limit` people of `space`, and the total (two queries)."""
    rows = list(db.session.scalars(members_query(space).limit(limit)))
    total = db.session.scalar(
        select(func.count(Membership.id)).where(Membership.space_id == space.id)
    )
    return SpacePeople(
        facilitators=[m for m in rows if m.is_facilitator],
        members=[m for m in rows if not m.is_facilitator],
        total=total or 0,
    )


def invitations_query(space: Space):
    """The invitations of `space`, newest first, with who sent and who accepted them."""
    return (
        select(Invitation)
        .options(joinedload(Invitation.invited_by), joinedload(Invitation.accepted_by))
        .where(Invitation.space_id == space.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )


def invitation_counts(space: Space) -> dict[str, int]:
    """status -> number of invitations of `space` (one query)."""
    rows = db.session.execute(
        select(Invitation.status, func.count(Invitation.id))
        .where(Invitation.space_id == space.id)
        .group_by(Invitation.status)
    )
    return {status: count for status, count in rows}
