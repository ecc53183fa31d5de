"""A member's last visit to each of their spaces: what is new for them is what came after it.

The space page notes the visit (at most once per VISIT_RESOLUTION, so that reading a
space does not write on every click); the member's home counts what other people
added since. Other domains count their own novelties against `last_visit()`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import contains_eager

from portal.core.db import utcnow, write_transaction
from portal.core.extensions import db
from portal.spaces.models import Membership, Space

#: A visit is noted once per this period at most: "new since your last visit" needs no more.
VISIT_RESOLUTION = timedelta(minutes=15)


def last_visit():
    """SQL expression: when the member of the joined Membership last opened its space
    (the day they joined, before a first visit)."""
    return func.coalesce(Membership.last_visited_at, Membership.joined_at)


def visit_is_due(user, space, now: datetime | None = None) -> bool:
    """Whether opening `space` now should note a visit by `user` (one query; a
    non-member's visit notes nothing)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    row = db.session.execute(
        select(Membership.id, Membership.last_visited_at).where(
            Membership.space_id == space.id, Membership.user_id == user.id
        )
    ).first()
    if row is None:
        return False
    last = row.last_visited_at
    return last is None or (now or utcnow()) - last >= VISIT_RESOLUTION


def note_visit(user_id: int, space_id: int, now: datetime | None = None) -> None:
    """Note that the member opened the space now, once the page is rendered: it writes in a
    transaction of its own (see core.db.write_transaction); the caller commits."""
    write_transaction()
    db.session.execute(
        update(Membership)
        .where(Membership.space_id == space_id, Membership.user_id == user_id)
        .values(last_visited_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )


def memberships_of(user) -> list[Membership]:
    """`user`'s memberships of live spaces, spaces loaded, by space title (one query)."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(Membership.space)
            .where(Membership.user_id == user.id, Space.archived_at.is_(None))
            .options(contains_eager(Membership.space))
            .order_by(func.lower(Space.title), Space.id)
        )
    )
