"""Following and muting threads and space forums, and who hears of a new post.

A thread-level choice wins over the space-level one: muting a thread of a followed
forum silences it; following a thread of a muted forum still brings its posts.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from portal.core.extensions import db
from portal.forums.models import Subscription, SubscriptionLevel


def _find(user, *, thread=None, space=None) -> Subscription | None:
    """The user's subscription row to `thread` or to `space`, if any."""
    query = select(Subscription).where(Subscription.user_id == user.id)
    if thread is not None:
        query = query.where(Subscription.thread_id == thread.id)
    else:
        query = query.where(Subscription.space_id == space.id)
    return db.session.scalar(query)


def level_of(user, *, thread=None, space=None) -> str | None:
    """ "follow", "mute" or None: the user's own choice for `thread` or `space`."""
    row = _find(user, thread=thread, space=space)
    return row.level if row is not None else None


def set_level(user, level: str | None, *, thread=None, space=None) -> None:
    """Follow, mute (a SubscriptionLevel value) or forget (None) a thread or a space forum."""
    row = _find(user, thread=thread, space=space)
    if level is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(
            Subscription(
                user_id=user.id,
                thread_id=thread.id if thread is not None else None,
                space_id=space.id if space is not None else None,
                level=SubscriptionLevel(level).value,
            )
        )
    else:
        row.level = SubscriptionLevel(level).value
    db.session.flush()


def follow_automatically(user, thread) -> None:
    """Authors and repliers follow the thread, unless they chose something for it already."""
    if _find(user, thread=thread) is None:
        set_level(user, SubscriptionLevel.FOLLOW.value, thread=thread)


def follower_ids(thread) -> set[int]:
    """Ids of the people following `thread`, directly or through its space's forum,
    minus those who muted it (before any check of who may still see it)."""
    levels: dict[int, str] = {}
    if thread.space_id is not None:
        for user_id, level in db.session.execute(
            select(Subscription.user_id, Subscription.level).where(
                Subscription.space_id == thread.space_id
            )
        ):
            levels[user_id] = level
    for user_id, level in db.session.execute(
        select(Subscription.user_id, Subscription.level).where(Subscription.thread_id == thread.id)
    ):
        levels[user_id] = level  # the thread-level choice wins
    return {user_id for user_id, level in levels.items() if level == SubscriptionLevel.FOLLOW}


def forget_user(user) -> None:
    """Remove every subscription of `user` (account deletion)."""
    db.session.execute(delete(Subscription).where(Subscription.user_id == user.id))
