"""The yearly report's figures, computed in SQL for a calendar year (UTC; see period.py).

`compute_figures(year)` returns the JSON-serialisable dict of /work/tr/FIGURES.md: every
section in order, each with its totals and breakdowns, in a fixed number of queries
whatever the data size (aggregates only; no row is loaded one by one).
"""

from __future__ import annotations

from datetime import datetime

from portal.reports.figures.activity import activity_section
from portal.reports.figures.allies import allies_section
from portal.reports.figures.applications import applications_section
from portal.reports.figures.assembly import assembly_section
from portal.reports.figures.experiences import experiences_section
from portal.reports.figures.forums import forums_section
from portal.reports.figures.labels import (
    FEWER_THAN_5_TEXT,
    SECTIONS,
    breakdown_label,
    category_label,
    figure_label,
    section_label,
    value_text,
)
from portal.reports.figures.period import Period
from portal.reports.figures.resources import resources_section

__all__ = [
    "FEWER_THAN_5_TEXT",
    "SCHEMA_VERSION",
    "SECTIONS",
    "breakdown_label",
    "category_label",
    "compute_figures",
    "figure_label",
    "section_label",
    "value_text",
]

#: Raised when the dict's shape changes, so stored snapshots can be read by their version.
SCHEMA_VERSION = 1

#: Section key -> its builder, in the report's order (the same as labels.SECTIONS).
BUILDERS = {
    "allies": allies_section,
    "activity": activity_section,
    "applications": applications_section,
    "experiences": experiences_section,
    "resources": resources_section,
    "forums": forums_section,
    "assembly": assembly_section,
}


def compute_figures(year: int, now: datetime | None = None) -> dict:
    """Every figure of `year` as of `now` (default: the current time)."""
    period = Period.of(year, now)
    return {
        "schema": SCHEMA_VERSION,
        "year": year,
        "sections": {key: build(period) for key, build in BUILDERS.items()},
    }
