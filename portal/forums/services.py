"""Threads and posts: starting, replying, editing, deleting; what other domains call.

Other domains use `create_thread`, `add_post` (experiences' discussions) and
`latest_threads` (the space page). Services add and flush; the caller commits.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from portal.core import lookups
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.forms import strip
from portal.core.markdown import render_markdown
from portal.forums.constants import POSTS_PER_PAGE
from portal.forums.models import Post, PostFlag, Thread


def render_post(body: str) -> str:
    """The cached HTML of a post: the portal's one sanitizer, images from its own uploads."""
    return str(render_markdown(body, heading_offset=2, allow_images=True))


def create_thread(*, author, title: str, body: str, space=None) -> Thread:
    """Open a thread with its first post; space None makes an experience's discussion."""
    now = utcnow()
    thread = Thread(
        space_id=space.id if space is not None else None,
        title=strip(title),
        author_id=author.id,
        created_at=now,
        last_post_at=now,
    )
    db.session.add(thread)
    db.session.flush()
    add_post(thread, author, body)
    return thread


def add_post(thread: Thread, author, body: str) -> Post:
    """Add a reply (or the opening post): the author follows the thread; followers and
    mentioned members are notified by email through the outbox."""
    from portal.forums import notify, subscriptions  # they import this module

    body = strip(body)  # callers other than our forms (experiences) may pass NULs
    post = Post(
        thread_id=thread.id,
        author_id=author.id,
        body=body,
        body_html=render_post(body),
        created_at=utcnow(),
    )
    db.session.add(post)
    db.session.flush()
    refresh_thread(thread)
    subscriptions.follow_automatically(author, thread)
    notify.post_added(post, thread, author)
    search_hook("index_post", post)
    return post


def edit_post(post: Post, editor, body: str) -> None:
    """Change a post's text: re-rendered, marked edited; members newly mentioned hear of it."""
    from portal.forums import notify

    body = strip(body)
    post.body = body
    post.body_html = render_post(body)
    post.edited_at = utcnow()
    db.session.flush()
    notify.mentions(post, post.thread, editor)
    search_hook("index_post", post)


def delete_post(post: Post) -> None:
    """Soft delete: the text is erased and a "message deleted" placeholder stays in place;
    reports of it have nothing left to decide."""
    post.deleted_at = utcnow()
    post.body = ""
    post.body_html = ""
    db.session.execute(
        update(PostFlag)
        .where(PostFlag.post_id == post.id, PostFlag.resolved_at.is_(None))
        .values(resolved_at=post.deleted_at)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    refresh_thread(post.thread)
    search_hook("remove_post", post)


def refresh_thread(thread: Thread) -> None:
    """Recount the thread's visible posts and the time of its latest one."""
    count, latest = db.session.execute(
        select(func.count(Post.id), func.max(Post.created_at)).where(
            Post.thread_id == thread.id, Post.deleted_at.is_(None), Post.hidden_at.is_(None)
        )
    ).one()
    thread.post_count = count
    thread.last_post_at = latest or thread.created_at
    db.session.flush()


def page_of_post(post: Post) -> int:
    """The page of its thread on which `post` appears (every post keeps its place)."""
    before = db.session.scalar(
        select(func.count(Post.id)).where(Post.thread_id == post.thread_id, Post.id < post.id)
    )
    return before // POSTS_PER_PAGE + 1


def latest_threads(space, user, limit: int = 5) -> list[Thread]:
    """The latest active threads of `space` (the space page); `user` is whoever looks,
    who already sees the space, so every thread of it."""
    del user  # the space's threads have the space's audience
    return list(
        db.session.scalars(
            select(Thread)
            .where(Thread.space_id == space.id)
            .options(joinedload(Thread.author))
            .order_by(Thread.last_post_at.desc(), Thread.id.desc())
            .limit(limit)
        )
    )


def search_hook(name: str, post: Post) -> None:
    """Tell the search index (portal.search.indexing.<name>) about `post`, if search exists
    (search sits above forums: it registers its hooks in core.lookups)."""
    if lookups.answers(f"search.{name}"):
        lookups.ask(f"search.{name}", post)


def count_posts(thread: Thread):
    """The statement counting every post of a thread (placeholders included)."""
    return select(func.count(Post.id)).where(Post.thread_id == thread.id)
