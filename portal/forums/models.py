"""Forum threads and posts, with their flags, read marks and subscriptions.

A thread belongs to a space's forum, or (space_id NULL) is the discussion of a
peer experience (portal.experiences). Posts are never removed: deleting one
leaves a "message deleted" placeholder, so permanent links and page numbers hold.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.db import UTCDateTime, utcnow
from portal.core.extensions import db


class Thread(db.Model):
    """A discussion: a title and its posts, the first of which opens it."""

    __tablename__ = "threads"
    __table_args__ = (Index("ix_threads_space_listing", "space_id", "is_pinned", "last_post_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: NULL for the discussion of an experience (portal.experiences owns the link).
    space_id: Mapped[int | None] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Time of the latest visible post: the listing's order and the unread marks.
    last_post_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Visible posts (neither deleted nor hidden), the opening one included.
    post_count: Mapped[int] = mapped_column(default=0)
    is_pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False)

    space = relationship("Space")
    author = relationship("User", foreign_keys=[author_id])

    @property
    def reply_count(self) -> int:
        """Visible posts after the opening one."""
        return max(self.post_count - 1, 0)

    def __repr__(self) -> str:
        return f"<Thread {self.id}>"


class Post(db.Model):
    """One message of a thread: Markdown source and its cached, sanitized HTML."""

    __tablename__ = "posts"
    __table_args__ = (Index("ix_posts_thread_order", "thread_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text, default="")
    #: portal.core.markdown.render_markdown(body, allow_images=True), refreshed on each edit.
    body_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Shown to the author; empty while the post waits for a moderator after flags.
    hidden_reason: Mapped[str | None] = mapped_column(String(500))
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    thread: Mapped[Thread] = relationship()
    author = relationship("User", foreign_keys=[author_id])

    @property
    def is_deleted(self) -> bool:
        """Deleted by its author: a placeholder remains."""
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        """Hidden by a moderator, or by flags until a moderator decides."""
        return self.hidden_at is not None

    @property
    def is_visible(self) -> bool:
        """Shown to everyone who sees the thread."""
        return not self.is_deleted and not self.is_hidden

    @property
    def awaits_moderation(self) -> bool:
        """Hidden by members' flags, not by a moderator."""
        return self.is_hidden and self.hidden_by_id is None

    def __repr__(self) -> str:
        return f"<Post {self.id} of thread {self.thread_id}>"


class PostFlag(db.Model):
    """A member's report of a post, with a reason; one per member and post."""

    __tablename__ = "post_flags"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: When a moderator decided (dismissed the flags, or kept the post hidden).
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    post: Mapped[Post] = relationship()
    user = relationship("User")


class ThreadRead(db.Model):
    """How far a member has read a thread: threads with later posts are marked unread."""

    __tablename__ = "thread_reads"
    __table_args__ = (UniqueConstraint("user_id", "thread_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    #: Creation time of the latest post the member has had on screen.
    last_read_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SubscriptionLevel(enum.StrEnum):
    """Follow: new posts reach you; mute: they never do, even through a followed forum."""

    FOLLOW = "follow"
    MUTE = "mute"


class Subscription(db.Model):
    """Following or muting one thread, or a whole space's forum."""

    __tablename__ = "forum_subscriptions"
    __table_args__ = (
        UniqueConstraint("user_id", "thread_id"),
        UniqueConstraint("user_id", "space_id"),
        CheckConstraint("(thread_id IS NULL) <> (space_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), index=True
    )
    space_id: Mapped[int | None] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[str] = mapped_column(String(10), default=SubscriptionLevel.FOLLOW.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
