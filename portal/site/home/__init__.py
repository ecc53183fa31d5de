"""A signed-in person's home: what comes next for them, asked of each domain in turn.

Every part runs a fixed number of queries whatever the data (tests/budgets/test_site.py):
the next sessions (2), the spaces and what is new in them (4), what waits for the person
(one per provider), a few experiences close to their territory (3, their tags included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.core.db import utcnow
from portal.experiences.listing import near_territory
from portal.forums.queries import new_posts_per_space
from portal.materials.services import new_materials_per_space
from portal.meetings.queries import new_sessions_per_space, next_sessions, visio_is_near
from portal.site.home.waiting import Viewer, WaitingItem, waiting_for
from portal.spaces.visits import last_visit, memberships_of

#: How many of each the home shows (the agenda, /spaces and /experiences list the rest).
SESSIONS_SHOWN = 5
SPACES_SHOWN = 8
EXPERIENCES_SHOWN = 3


@dataclass(frozen=True)
class NextSession:
    """A session to come, the person's registration (or None), and whether its video
    link is offered now."""

    meeting: object
    registration: object
    visio_is_near: bool


@dataclass(frozen=True)
class SpaceNews:
    """One of the person's spaces and what others added since their last visit."""

    membership: object
    posts: int
    materials: int
    sessions: int

    @property
    def space(self):
        """The space itself."""
        return self.membership.space

    @property
    def has_news(self) -> bool:
        """Anything new at all."""
        return bool(self.posts or self.materials or self.sessions)


@dataclass(frozen=True)
class MemberHome:
    """Everything the home shows a signed-in person."""

    viewer: Viewer
    sessions: list[NextSession]
    spaces: list[SpaceNews]
    #: The person belongs to more spaces than the home shows.
    more_spaces: bool
    waiting: list[WaitingItem]
    experiences: list


def next_sessions_of(user, now: datetime) -> list[NextSession]:
    """The person's next sessions with their registration and video link state."""
    return [
        NextSession(meeting, registration, visio_is_near(meeting, now))
        for meeting, registration in next_sessions(user.id, limit=SESSIONS_SHOWN, now=now)
    ]


def spaces_news(user, now: datetime) -> list[SpaceNews]:
    """The person's live spaces, those with news first, with their counts (four queries)."""
    since = last_visit()
    posts = new_posts_per_space(user.id, since)
    materials = new_materials_per_space(user.id, since)
    sessions = new_sessions_per_space(user.id, since, now=now)
    news = [
        SpaceNews(
            membership,
            posts.get(membership.space_id, 0),
            materials.get(membership.space_id, 0),
            sessions.get(membership.space_id, 0),
        )
        for membership in memberships_of(user)
    ]
    # Stable sort: spaces with news first, each group in title order.
    return sorted(news, key=lambda item: not item.has_news)


def member_home(user, now: datetime | None = None) -> MemberHome:
    """The home of the signed-in `user`."""
    viewer = Viewer(user, now or utcnow())
    spaces = spaces_news(user, viewer.now)
    return MemberHome(
        viewer=viewer,
        sessions=next_sessions_of(user, viewer.now),
        spaces=spaces[:SPACES_SHOWN],
        more_spaces=len(spaces) > SPACES_SHOWN,
        waiting=waiting_for(viewer),
        experiences=near_territory(user, limit=EXPERIENCES_SHOWN),
    )
