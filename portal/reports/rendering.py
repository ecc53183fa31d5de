"""The figures contract's dict, turned into what a report page shows: labels, texts, charts.

Labels are looked up now (portal.reports.figures.labels), so a frozen snapshot renders in
either language; a None count shows as "fewer than 5".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from markupsafe import Markup

from portal.reports import charts
from portal.reports.figures import FEWER_THAN_5_TEXT
from portal.reports.figures.labels import (
    CATEGORIES,
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
    """A breakdown: its rows (label, value, text, category key), chart, its kind (bars,
    donut, map...) and summary sentence."""

    key: str
    label: str
    rows: list
    chart: Markup
    summary: str
    kind: str = charts.BARS

    @property
    def cells(self) -> list:
        """The table's rows: each label with its text (the chart's numbers, in words)."""
        return [(row[0], row[2]) for row in self.rows]


@dataclass(frozen=True)
class TotalsChart:
    """The chart of a section's totals, its rows (label, value, text) and summary."""

    kind: str
    rows: list
    chart: Markup
    summary: str

    @property
    def cells(self) -> list:
        """The table's rows: each label with its text (the chart's numbers, in words)."""
        return [(row[0], row[2]) for row in self.rows]


@dataclass(frozen=True)
class SectionView:
    """A section of the report: its heading, totals (label, text), their chart (or None)
    and breakdowns."""

    key: str
    label: str
    totals: list
    breakdowns: list
    chart: TotalsChart | None = field(default=None)


def ordered_keys(sections: list[str]) -> list[str]:
    """The section keys in the contract's order, unknown ones (older schemas) last."""
    known = [key for key in SECTIONS if key in sections]
    return known + [key for key in sections if key not in SECTIONS]


def summary_of(label, shown: list) -> str:
    """A sentence with the same numbers as a chart (label, value, text...) rows."""
    if not shown:
        return _("%(breakdown)s – nothing to count.", breakdown=label)
    listed = ", ".join(f"{row[0]}: {row[2]}" for row in shown)
    return _("%(breakdown)s – %(figures)s.", breakdown=label, figures=listed)


def _breakdown(section: str, key: str, rows: list, chart_id: str) -> BreakdownView:
    """One breakdown, with its chart and a sentence that says the same numbers."""
    label = breakdown_label(section, key)
    kind = charts.kind_of(section, key)
    if kind == charts.MAP:
        # The map draws every region (0 where the contract omits one): so does its table.
        counted = {row["key"]: row for row in rows}
        rows = [counted.get(k, {"key": k, "value": 0}) for k in CATEGORIES[key]] + [
            row for row in rows if row["key"] not in CATEGORIES[key]
        ]
    shown = [
        (
            category_label(key, row),
            row.get("value"),
            value_text(key, row.get("value")),
            row["key"],
        )
        for row in rows
    ]
    summary = summary_of(label, shown)
    chart = (
        charts.breakdown_chart(section, key, shown, chart_id=chart_id, title=label, summary=summary)
        if shown
        else Markup("")
    )
    return BreakdownView(key, label, shown, chart, summary, kind)


def _totals_chart(section: str, totals: dict) -> TotalsChart | None:
    """The chart of a section's totals when one fits (a total that splits, a rate...)."""
    kind, parts = charts.totals_parts(section, totals)
    if kind is None:
        return None
    rows = [
        (str(figure_label(section, key)) if key else str(rest), value, value_text(key or "", value))
        for key, rest, value in parts
    ]
    label = section_label(section)
    summary = summary_of(label, rows)
    chart = charts.totals_chart(
        kind, rows, chart_id=f"chart-{section}-totals", title=str(label), summary=summary
    )
    return TotalsChart(kind, rows, chart, summary)


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
        chart = _totals_chart(section, data.get("totals", {}))
        views.append(SectionView(section, section_label(section), totals, breakdowns, chart))
    return views
