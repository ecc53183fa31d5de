"""Emails about new posts: to mentioned members and to followers, through the outbox.

Mentions. `@name` mentions a member of the thread's space when the word after the
"@" and the member's display name give the same *handle*: accents removed, lower
case, only letters and digits kept. "Léa Martin" is mentioned by `@LéaMartin`,
`@leamartin` or `@Lea-Martin`. Only members of the space are notified, never the
author, and not those who turned mentions off (Category.MENTIONS).

Followers get a new post immediately when they chose "immediately" for forum news
(Category.FORUM); "digest" readers are left to the digest, which queries posts since
its last run (nothing is stored for it here). Never the author, nor muted people,
nor people who can no longer see the space, nor a member already told by a mention.
Both go through enqueue_for_user: unsubscribe headers, bounce and daily-cap guards.
"""

from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.models import User
from portal.core.extensions import db
from portal.core.permissions import can_see_thread
from portal.forums.constants import MENTIONS_MAX
from portal.forums.subscriptions import follower_ids
from portal.notifications.preferences import Category, wants
from portal.notifications.services import enqueue_for_user
from portal.spaces.models import Membership

MENTION = re.compile(r"(?<![\w@])@([^\W_][\w.-]{0,60})")
EXCERPT_MAX = 600


def handle(text: str) -> str:
    """The comparable form of a name or mention: unaccented, lower case, letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).lower()


def mentioned_handles(body: str) -> set[str]:
    """The handles mentioned in a post's Markdown source (at most MENTIONS_MAX)."""
    handles = {handle(match.group(1)) for match in MENTION.finditer(body or "")}
    handles.discard("")
    return set(sorted(handles)[:MENTIONS_MAX])


def mentioned_members(post, thread) -> list[User]:
    """The members of the thread's space that the post mentions."""
    wanted = mentioned_handles(post.body)
    if not wanted or thread.space_id is None:
        return []
    members = db.session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.space_id == thread.space_id, User.deleted_at.is_(None))
    )
    return [member for member in members if handle(member.display_name) in wanted]


def _excerpt(post) -> str:
    """The beginning of the post's Markdown source, for the email."""
    text = post.body.strip()
    return text if len(text) <= EXCERPT_MAX else text[:EXCERPT_MAX].rstrip() + "…"


def _send(template: str, category, subject, key: str, member: User, post, thread, author) -> bool:
    """One email about `post` to `member` if their preferences and guards allow it;
    False when nothing was written (declined, capped, or already sent: dedupe key)."""
    email = enqueue_for_user(
        member,
        category=category,
        template=f"forums/{template}",
        subject=subject,
        dedupe_key=f"{key}:{post.id}:{member.id}",
        context={
            "member": member,
            "post_id": post.id,
            "thread_id": thread.id,
            "thread_title": thread.title,
            "author_name": author.public_name,
            "excerpt": _excerpt(post),
        },
    )
    return email is not None


def mentions(post, thread, author) -> set[int]:
    """Email the members the post mentions; returns the ids of everyone mentioned
    (also those who turned mention emails off: followers' notices skip them all)."""
    told = set()
    for member in mentioned_members(post, thread):
        if member.id == author.id:
            continue
        told.add(member.id)
        subject = _l(
            "%(name)s mentioned you in “%(title)s”", name=author.public_name, title=thread.title
        )
        _send("mention", Category.MENTIONS, subject, "forum-mention", member, post, thread, author)
    return told


def followers(post, thread, author, skip: set[int]) -> None:
    """Email the followers who asked for immediate notices (see the module's rules)."""
    ids = follower_ids(thread) - skip - {author.id}
    if not ids:
        return
    people = db.session.scalars(
        select(User).where(User.id.in_(ids), User.deleted_at.is_(None)).order_by(User.id)
    )
    subject = _l("New message in “%(title)s”", title=thread.title)
    for member in people:
        # wants() is checked again by enqueue_for_user; asking first spares the
        # permission query for the many followers who read the digest instead.
        if not wants(member, Category.FORUM) or not can_see_thread(member, thread):
            continue
        _send("new_post", Category.FORUM, subject, "forum-post", member, post, thread, author)


def post_added(post, thread, author) -> None:
    """Everything a new post sends: mentions first, then followers not already told."""
    told = mentions(post, thread, author)
    followers(post, thread, author, skip=told)
