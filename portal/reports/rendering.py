"""The figures contract's dict, turned into what a report page shows: labels, texts, charts.

Labels are looked up now (portal.reports.figures.labels), so a frozen snapshot renders in
either language; a None count shows as "fewer than 5".
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from markupsafe import Markup

from portal.reports.charts import breakdown_chart
from portal.reports.figures import FEWER_THAN_5_TEXT
from portal.reports.figures.labels import (
    SECTIONS,
    breakdown_label,
    category_label,
    figure_label,
    section_label,
)


def is_rate(key: str) -> bool:
    """Whether a figure is a rate in [0, 1] (attendance_rate, turnout...)."""
    return key == "turnout" or key.endswith("_rate")


def value_text(key: str, value) -> str:
    """A figure as read: a number, a percentage for a rate, "fewer than 5" for None."""
    if value is None:
        return str(FEWER_THAN_5_TEXT)
    if is_rate(key):
        return format_percent(value)
    return format_decimal(value)


@dataclass(frozen=True)
class BreakdownView:
    """A breakdown: its rows (label, value, text), chart and summary sentence."""

    key: str
    label: str
    rows: list
    chart: Markup
    summary: str


@dataclass(frozen=True)
class SectionView:
    """A section of the report: its heading, totals (label, text) and breakdowns."""

    key: str
    label: str
    totals: list
    breakdowns: list


def ordered_keys(sections: list[str]) -> list[str]:
    """The section keys in the contract's order, unknown ones (older schemas) last."""
    known = [key for key in SECTIONS if key in sections]
    return known + [key for key in sections if key not in SECTIONS]


def _breakdown(section: str, key: str, rows: list, chart_id: str) -> BreakdownView:
    """One breakdown, with its chart and a sentence that says the same numbers."""
    label = breakdown_label(section, key)
    shown = [
        (category_label(key, row), row.get("value"), value_text(key, row.get("value")))
        for row in rows
    ]
    if shown:
        listed = ", ".join(f"{name}: {text}" for name, _value, text in shown)
        summary = _("%(breakdown)s – %(figures)s.", breakdown=label, figures=listed)
    else:
        summary = _("%(breakdown)s – nothing to count.", breakdown=label)
    chart = (
        breakdown_chart(shown, chart_id=chart_id, title=label, summary=summary)
        if shown
        else Markup("")
    )
    return BreakdownView(key, label, shown, chart, summary)


def section_views(figures: dict, sections: list[str]) -> list[SectionView]:
    """The sections shown, in order, from a figures dict (live or frozen)."""
    computed = figures.get("sections", {})
    views = []
    for section in ordered_keys(sections):
        data = computed.get(section)
        if data is None:
            continue
        totals = [
            (figure_label(section, key), value_text(key, value))
            for key, value in data.get("totals", {}).items()
        ]
        breakdowns = [
            _breakdown(section, key, rows, f"chart-{section}-{key}")
            for key, rows in data.get("breakdowns", {}).items()
        ]
        views.append(SectionView(section, section_label(section), totals, breakdowns))
    return views
