"""What the space page borrows from other domains: next sessions, latest materials, threads.

The meetings and materials domains own those queries; they are imported here,
lazily, so that spaces does not import them at start-up (they import spaces).
"""

from __future__ import annotations


def upcoming_sessions(space, limit: int = 5) -> list:
    """The next sessions of `space`, soonest first, seat counts loaded (meetings domain)."""
    from portal.meetings.queries import upcoming_for_space

    return list(upcoming_for_space(space, limit=limit))


def latest_materials(space, user, limit: int = 5) -> list:
    """The latest materials of `space` that `user` may see (materials domain)."""
    from portal.materials.services import latest_for_space

    return list(latest_for_space(space, user, limit=limit))


def latest_threads(space, user, limit: int = 5) -> list:
    """The latest active threads of `space`'s forum (forums domain)."""
    from portal.forums.services import latest_threads as forum_threads

    return forum_threads(space, user, limit=limit)
