"""Forum activity: threads opened, posts written and active members in the year.

Every forum counts (spaces' forums and the discussions of experiences and contributions);
only visible posts (neither deleted nor hidden by moderation) are counted, and a thread
counts when it still has a visible post. Nothing of their content is read.
"""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.extensions import db
from portal.forums.models import Post, Thread
from portal.reports.figures.period import Period, count


def visible_post():
    """SQL: the post is shown to whoever sees its thread."""
    return Post.deleted_at.is_(None) & Post.hidden_at.is_(None)


def forums_section(period: Period) -> dict:
    """The forums section (two queries)."""
    threads = db.session.scalar(
        select(func.count(Thread.id)).where(
            period.contains(Thread.created_at), Thread.post_count > 0
        )
    )
    posts, members = db.session.execute(
        select(func.count(Post.id), func.count(func.distinct(Post.author_id))).where(
            visible_post(), period.contains(Post.created_at)
        )
    ).one()
    return {
        "totals": {"threads": count(threads), "posts": count(posts), "members": count(members)},
        "breakdowns": {},
    }
