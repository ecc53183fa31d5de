"""Read side of the forums: a forum's threads with unread marks, a thread's posts, read marks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.core.db import utcnow, write_transaction
from portal.core.extensions import db
from portal.core.permissions import is_admin
from portal.forums.models import Post, PostFlag, Thread, ThreadRead
from portal.spaces.models import Membership, Space, SpaceRole


def threads_query(space):
    """A forum's threads: pinned first, then by latest activity."""
    return (
        select(Thread)
        .where(Thread.space_id == space.id)
        .options(joinedload(Thread.author))
        .order_by(Thread.is_pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc())
    )


def unread_ids(user, threads) -> set[int]:
    """The threads (among `threads`) with posts `user` has not had on screen; one query."""
    if not threads:
        return set()
    read = dict(
        db.session.execute(
            select(ThreadRead.thread_id, ThreadRead.last_read_at).where(
                ThreadRead.user_id == user.id, ThreadRead.thread_id.in_([t.id for t in threads])
            )
        ).all()
    )
    return {t.id for t in threads if t.id not in read or t.last_post_at > read[t.id]}


def posts_query(thread):
    """Every post of a thread in order (placeholders included, so each keeps its page)."""
    return (
        select(Post)
        .where(Post.thread_id == thread.id)
        .options(joinedload(Post.author))
        .order_by(Post.id)
    )


def flagged_by(user, posts) -> set[int]:
    """The posts (among `posts`) that `user` has reported; one query."""
    if not posts:
        return set()
    return set(
        db.session.scalars(
            select(PostFlag.post_id).where(
                PostFlag.user_id == user.id, PostFlag.post_id.in_([p.id for p in posts])
            )
        )
    )


def mark_read(user, thread, posts) -> None:
    """Remember that `user` has seen `posts` of `thread` (never moves the mark backwards).

    Call it once the page is rendered: it writes in a transaction of its own (loaded
    objects are expired), the page's only write (see core.db.write_transaction).
    """
    if not posts:
        return
    seen = max(p.created_at for p in posts)
    user_id, thread_id = user.id, thread.id
    write_transaction()
    row = db.session.scalar(
        select(ThreadRead).where(ThreadRead.user_id == user_id, ThreadRead.thread_id == thread_id)
    )
    if row is None:
        db.session.add(ThreadRead(user_id=user_id, thread_id=thread_id, last_read_at=seen))
    elif row.last_read_at < seen:
        row.last_read_at = seen
    db.session.flush()


def mark_all_read(user, thread) -> None:
    """The author of a post has read the thread up to it."""
    row = db.session.scalar(
        select(ThreadRead).where(ThreadRead.user_id == user.id, ThreadRead.thread_id == thread.id)
    )
    if row is None:
        db.session.add(ThreadRead(user_id=user.id, thread_id=thread.id, last_read_at=utcnow()))
    else:
        row.last_read_at = max(row.last_read_at, utcnow())
    db.session.flush()


def spaces_to_move_to(user, thread) -> list[Space]:
    """The active spaces, other than the thread's, whose forum `user` moderates."""
    query = select(Space).where(Space.archived_at.is_(None), Space.id != thread.space_id)
    if not is_admin(user):
        query = query.join(Membership, Membership.space_id == Space.id).where(
            Membership.user_id == user.id, Membership.role == SpaceRole.FACILITATOR.value
        )
    return list(db.session.scalars(query.order_by(Space.title)))


def new_posts_per_space(user_id: int, since) -> dict[int, int]:
    """space id -> visible posts others wrote in the member's spaces after `since` (an SQL
    expression over the joined Membership, e.g. spaces.visits.last_visit()); one query."""
    rows = db.session.execute(
        select(Thread.space_id, func.count(Post.id))
        .join(Post, Post.thread_id == Thread.id)
        .join(Membership, Membership.space_id == Thread.space_id)
        .where(
            Membership.user_id == user_id,
            Post.created_at > since,
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
            (Post.author_id.is_(None)) | (Post.author_id != user_id),
        )
        .group_by(Thread.space_id)
    )
    return {space_id: count for space_id, count in rows}
