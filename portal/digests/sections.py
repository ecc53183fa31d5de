"""What a digest is made of: one query (or a few) per section, only what the member may see.

Each function returns `Item`s with absolute links straight to the item. Visibility
follows portal.core.permissions: sessions of the member's own spaces, materials
through `materials.services.visible_to` (the SQL form of can_download_material),
threads through `can_see_thread`, experiences through the experiences domain's own
visibility rule, and allies from the public directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import ForumDelivery
from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.extensions import db
from portal.core.permissions import can_see_thread
from portal.forums.models import Post, Subscription, SubscriptionLevel, Thread
from portal.materials.models import Material
from portal.materials.services import visible_to
from portal.meetings.ical import absolute_url
from portal.meetings.models import Meeting
from portal.meetings.times import format_moment
from portal.notifications.preferences import preferences_of
from portal.spaces.models import Membership, Space

#: Sessions announced ahead of the digest's date.
UPCOMING = timedelta(days=14)
#: At most this many entries per section; the links lead to the rest.
SECTION_MAX = 10
EXPERIENCES_MAX = 5


@dataclass(frozen=True)
class Item:
    """One line of a digest: what, where it leads, and a detail (place, date, count…)."""

    title: str
    url: str
    detail: str = ""
    count: int = 0


def _my_spaces(user):
    """Subquery: ids of the spaces `user` belongs to."""
    return select(Membership.space_id).where(Membership.user_id == user.id)


def upcoming_sessions(user, until: datetime) -> list[Item]:
    """Live sessions of the member's active spaces in the 14 days after `until`."""
    meetings = db.session.scalars(
        select(Meeting)
        .join(Space, Meeting.space_id == Space.id)
        .where(
            Meeting.space_id.in_(_my_spaces(user)),
            Space.archived_at.is_(None),
            Meeting.cancelled_at.is_(None),
            Meeting.starts_at > until,
            Meeting.starts_at <= until + UPCOMING,
        )
        .options(joinedload(Meeting.space))
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(SECTION_MAX)
    )
    locale = user.locale or "fr"
    return [
        Item(
            title=meeting.title,
            url=absolute_url("meetings.show", meeting_id=meeting.id),
            detail=" — ".join(
                (format_moment(meeting.starts_at, user.timezone, locale), meeting.space.title)
            ),
        )
        for meeting in meetings
    ]


def new_materials(user, since: datetime, until: datetime) -> list[Item]:
    """Materials posted in the member's spaces during the period, that they may open."""
    materials = db.session.scalars(
        select(Material)
        .where(
            Material.space_id.in_(_my_spaces(user)),
            Material.experience_id.is_(None),
            Material.created_at > since,
            Material.created_at <= until,
            visible_to(user),
        )
        .options(joinedload(Material.space))
        .order_by(Material.created_at.desc(), Material.id.desc())
        .limit(SECTION_MAX)
    )
    return [
        Item(
            title=material.title,
            url=absolute_url("materials.show", material_id=material.id),
            detail=material.space.title if material.space else "",
        )
        for material in materials
    ]


def _followed_threads(user):
    """SQL condition on Thread: followed directly, or through its forum unless muted."""
    mine = select(Subscription.thread_id).where(Subscription.user_id == user.id)
    followed = mine.where(Subscription.level == SubscriptionLevel.FOLLOW.value)
    muted = mine.where(
        Subscription.level == SubscriptionLevel.MUTE.value, Subscription.thread_id.is_not(None)
    )
    forums = select(Subscription.space_id).where(
        Subscription.user_id == user.id,
        Subscription.space_id.is_not(None),
        Subscription.level == SubscriptionLevel.FOLLOW.value,
    )
    return or_(
        Thread.id.in_(followed),
        and_(Thread.space_id.in_(forums), Thread.id.not_in(muted)),
    )


def forum_activity(user, since: datetime, until: datetime) -> list[Item]:
    """Followed threads with new visible posts by others, for members who chose to read
    forum news in the digest (the others get it immediately, or not at all)."""
    if preferences_of(user).get("forum") != ForumDelivery.DIGEST.value:
        return []
    rows = db.session.execute(
        select(Post.thread_id, func.count(Post.id), func.min(Post.id))
        .join(Thread, Post.thread_id == Thread.id)
        .where(
            Post.created_at > since,
            Post.created_at <= until,
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
            or_(Post.author_id.is_(None), Post.author_id != user.id),
            _followed_threads(user),
        )
        .group_by(Post.thread_id)
        .order_by(func.max(Post.created_at).desc())
        .limit(SECTION_MAX * 2)
    ).all()
    if not rows:
        return []
    threads = {
        t.id: t
        for t in db.session.scalars(
            select(Thread)
            .where(Thread.id.in_([row[0] for row in rows]))
            .options(selectinload(Thread.space))
        )
    }
    items = []
    for thread_id, count, first_post_id in rows:
        thread = threads.get(thread_id)
        if thread is None or not can_see_thread(user, thread):
            continue
        items.append(
            Item(
                title=thread.title,
                url=absolute_url("forums.post", post_id=first_post_id),
                detail=thread.space.title if thread.space else "",
                count=count,
            )
        )
    return items[:SECTION_MAX]


def close_experiences(user, since: datetime, until: datetime) -> list[Item]:
    """Peer experiences published during the period, close to the member's own."""
    from portal.experiences.similarity import experiences_close_to

    found = experiences_close_to(user, since, limit=EXPERIENCES_MAX)
    return [
        Item(
            title=experience.title,
            url=absolute_url("experiences.show", experience_id=experience.id),
            detail=experience.organisation.name if experience.organisation else "",
        )
        for experience in found
        if experience.published_at is not None and experience.published_at <= until
    ]


def new_allies(since: datetime, until: datetime) -> list[Item]:
    """Organisations whose first validated signature was accepted during the period."""
    first = (
        select(
            Signature.organisation_id.label("organisation_id"),
            func.min(Signature.decided_at).label("validated_at"),
        )
        .where(
            Signature.status == SignatureStatus.VALIDATED.value,
            Signature.organisation_id.is_not(None),
        )
        .group_by(Signature.organisation_id)
        .subquery()
    )
    organisations = db.session.scalars(
        select(Organisation)
        .join(first, first.c.organisation_id == Organisation.id)
        .where(first.c.validated_at > since, first.c.validated_at <= until)
        .order_by(first.c.validated_at.desc(), Organisation.id)
        .limit(SECTION_MAX)
    )
    return [
        Item(
            title=organisation.name,
            url=absolute_url("alliance.organisation", slug=organisation.slug),
            detail=", ".join(p for p in (organisation.kind_label, organisation.territory) if p),
        )
        for organisation in organisations
    ]
