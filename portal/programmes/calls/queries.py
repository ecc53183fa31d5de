"""Questions other domains ask about calls (stub; replaced by the calls package)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def open_call_space_ids(space_ids: Iterable[int], now: datetime) -> set[int]:
    """The spaces among `space_ids` that have a call open at `now` (stub: none)."""
    # stub; replaced by the calls package
    return set()
