"""Where the open data finds the published reports' figures: a source registered by the
part of `reports` that stores the published versions, so the open data needs none of it.

The source registers on import (portal/reports/__init__.py wires it):

    register_report_source(latest_published, published_reports)

- `latest_published(year)` -> (figures, version_number, published_at) of the latest
  published version of that year's report, or None (no published version);
- `published_reports()` -> [(year, version_number, published_at), ...], newest year first,
  in one query (the /donnees page lists them).
Without a source, no report is published: the list is empty and every year is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PublishedFigures:
    """The figures of one published version of a year's report."""

    year: int
    version: int
    published_at: datetime
    #: The figures dict of /work/tr/FIGURES.md, as frozen in the snapshot.
    figures: dict | None = None


_source: dict[str, Callable | None] = {"lookup": None, "listing": None}


def register_report_source(
    lookup: Callable[[int], tuple | None], listing: Callable[[], list] | None = None
) -> None:
    """`lookup(year)` and `listing()` answer from now on (registering again replaces them)."""
    _source["lookup"] = lookup
    _source["listing"] = listing


def clear_report_source() -> None:
    """Forget the registered source (tests)."""
    register_report_source(None, None)  # type: ignore[arg-type]


def has_report_source() -> bool:
    """Whether a source of published reports is registered."""
    return _source["lookup"] is not None


def published_figures(year: int) -> PublishedFigures | None:
    """The latest published version of `year`'s report with its figures, or None."""
    lookup = _source["lookup"]
    found = lookup(year) if lookup is not None else None
    if found is None:
        return None
    figures, version, published_at = found
    return PublishedFigures(year, version, published_at, figures)


def published_reports() -> list[PublishedFigures]:
    """Every year with a published report (its latest version, without figures)."""
    listing = _source["listing"]
    if listing is None:
        return []
    return [PublishedFigures(year, version, at) for year, version, at in listing()]
