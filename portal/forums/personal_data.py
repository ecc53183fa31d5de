"""What the forums hold about a person: their posts (export, and kept under "Former
member" after deletion); their subscriptions, flags and read marks (erased)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion
from portal.forums import subscriptions
from portal.forums.models import Post, PostFlag, Thread, ThreadRead


@exporter("forum_posts")
def export_forum_posts(user) -> list[dict]:
    """The messages you wrote, with their thread and times (deleted ones are empty)."""
    posts = db.session.scalars(
        select(Post)
        .where(Post.author_id == user.id)
        .options(joinedload(Post.thread).joinedload(Thread.space))
        .order_by(Post.created_at, Post.id)
    )
    return [
        {
            "thread": post.thread.title,
            "space": post.thread.space.title if post.thread.space else None,
            "body": post.body,
            "created_at": post.created_at.isoformat(),
            "edited_at": post.edited_at.isoformat() if post.edited_at else None,
            "deleted": post.is_deleted,
            "hidden_reason": post.hidden_reason,
        }
        for post in posts
    ]


@on_account_deletion
def erase_forum_traces(user) -> None:
    """Posts stay (their author shows as "Former member"); choices and reports go."""
    subscriptions.forget_user(user)
    db.session.execute(delete(PostFlag).where(PostFlag.user_id == user.id))
    db.session.execute(delete(ThreadRead).where(ThreadRead.user_id == user.id))
    db.session.flush()
