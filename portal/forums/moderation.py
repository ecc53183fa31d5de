"""Moderation: pinning, locking, moving threads; hiding posts; members' flags and their queue."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.forums.constants import FLAGS_TO_HIDE
from portal.forums.models import Post, PostFlag, Thread
from portal.forums.services import refresh_thread, search_hook


def set_pinned(thread: Thread, pinned: bool) -> None:
    """Pin a thread at the top of its forum, or let it follow the activity again."""
    thread.is_pinned = pinned
    db.session.flush()


def set_locked(thread: Thread, locked: bool) -> None:
    """Lock a thread (only moderators reply), or open it again."""
    thread.is_locked = locked
    db.session.flush()


def move_thread(thread: Thread, space) -> None:
    """Move a thread to another space's forum; its posts are indexed for their new audience."""
    thread.space_id = space.id
    thread.space = space
    db.session.flush()
    for post in db.session.scalars(select(Post).where(Post.thread_id == thread.id)):
        search_hook("index_post" if post.is_visible else "remove_post", post)


def hide_post(post: Post, moderator, reason: str) -> None:
    """Hide a post with a reason its author reads; pending flags are settled by this decision."""
    post.hidden_at = post.hidden_at or utcnow()
    post.hidden_reason = reason
    post.hidden_by_id = moderator.id
    _resolve_flags(post)
    refresh_thread(post.thread)
    search_hook("remove_post", post)


def unhide_post(post: Post) -> None:
    """Show a hidden post again; pending flags are dismissed with it."""
    post.hidden_at = None
    post.hidden_reason = None
    post.hidden_by_id = None
    _resolve_flags(post)
    refresh_thread(post.thread)
    search_hook("index_post", post)


def _resolve_flags(post: Post) -> None:
    """Mark the post's pending flags as decided (they leave the queue)."""
    db.session.execute(
        update(PostFlag)
        .where(PostFlag.post_id == post.id, PostFlag.resolved_at.is_(None))
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.flush()


def has_flagged(user, post: Post) -> bool:
    """Whether `user` already reported `post` (once per member and post)."""
    return (
        db.session.scalar(
            select(PostFlag.id).where(PostFlag.post_id == post.id, PostFlag.user_id == user.id)
        )
        is not None
    )


def pending_flag_count(post: Post) -> int:
    """Distinct members whose report of `post` awaits a moderator."""
    return db.session.scalar(
        select(func.count(PostFlag.id)).where(
            PostFlag.post_id == post.id, PostFlag.resolved_at.is_(None)
        )
    )


def flag_post(post: Post, user, reason: str) -> bool:
    """Report a post; at FLAGS_TO_HIDE distinct pending reports it is hidden until a
    moderator decides. False if `user` had already reported it."""
    if has_flagged(user, post):
        return False
    db.session.add(PostFlag(post_id=post.id, user_id=user.id, reason=reason, created_at=utcnow()))
    db.session.flush()
    if not post.is_hidden and pending_flag_count(post) >= FLAGS_TO_HIDE:
        post.hidden_at = utcnow()
        post.hidden_reason = None
        post.hidden_by_id = None  # no moderator: it awaits a decision
        refresh_thread(post.thread)
        search_hook("remove_post", post)
    return True


def dismiss_flags(post: Post) -> None:
    """The moderator finds nothing wrong: flags settled, the post visible again if they hid it."""
    if post.awaits_moderation:
        unhide_post(post)
    else:
        _resolve_flags(post)


def queue(space) -> list[tuple[Post, list[PostFlag]]]:
    """The space's posts awaiting a decision: pending flags, oldest report first."""
    flags = db.session.scalars(
        select(PostFlag)
        .join(Post, Post.id == PostFlag.post_id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Thread.space_id == space.id, PostFlag.resolved_at.is_(None))
        .options(
            joinedload(PostFlag.user),
            joinedload(PostFlag.post).joinedload(Post.author),
            joinedload(PostFlag.post).joinedload(Post.thread),
        )
        .order_by(PostFlag.created_at, PostFlag.id)
    )
    grouped: dict[int, tuple[Post, list[PostFlag]]] = {}
    for flag in flags:
        grouped.setdefault(flag.post_id, (flag.post, []))[1].append(flag)
    return list(grouped.values())
