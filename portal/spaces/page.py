"""What the space page borrows from other domains: next sessions, latest materials, threads.

Those domains sit above spaces (they import it), so spaces never imports them: each
registers the loader of its panel when its package is imported (`register_panel`), and
the page asks for the panels by name. A panel nobody registered is empty.
"""

from __future__ import annotations

from collections.abc import Callable

#: Panel name -> loader(space, user, limit) returning the panel's rows, in display order.
_PANELS: dict[str, Callable] = {}


def register_panel(name: str, loader: Callable) -> None:
    """Show `loader(space, user, limit)` as the panel `name` of the space page."""
    _PANELS[name] = loader


def panel(name: str, space, user, limit: int = 5) -> list:
    """The rows of the panel `name` for `user` on `space` (empty when unregistered)."""
    loader = _PANELS.get(name)
    return [] if loader is None else list(loader(space, user, limit))


def upcoming_sessions(space, limit: int = 5) -> list:
    """The next sessions of `space`, soonest first, seat counts loaded (meetings domain)."""
    return panel("sessions", space, None, limit)


def latest_materials(space, user, limit: int = 5) -> list:
    """The latest materials of `space` that `user` may see (materials domain)."""
    return panel("materials", space, user, limit)


def latest_threads(space, user, limit: int = 5) -> list:
    """The latest active threads of `space`'s forum (forums domain)."""
    return panel("threads", space, user, limit)
