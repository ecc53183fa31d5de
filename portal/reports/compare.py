"""Two years side by side: each figure of both, with the change (and % where it means something)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from portal.reports.charts import compare_chart, masked_text
from portal.reports.figures.labels import (
    breakdown_label,
    category_label,
    figure_label,
    section_label,
)
from portal.reports.rendering import is_rate, ordered_keys, value_text


@dataclass(frozen=True)
class CompareRow:
    """A figure of both years: label, both texts, the change and its percentage ("" if none)."""

    label: str
    first: str
    second: str
    change: str
    percent: str


@dataclass(frozen=True)
class CompareSection:
    """A section's totals, then each breakdown's categories, as rows of both years."""

    label: str
    totals: list
    breakdowns: list  # (label, [CompareRow])
    #: A breakdown's label -> its chart of both years (small multiples), when one fits.
    charts: dict = field(default_factory=dict)


def change_texts(key: str, first, second) -> tuple[str, str]:
    """The change from `first` to `second`: absolute, and in % of `first` for counts.

    Nothing when either is unknown (fewer than 5); a rate changes by points, not by %."""
    if first is None or second is None:
        return "", ""
    if is_rate(key):
        points = round((second - first) * 100)
        signed = f"{points:+d}"
        return _("%(points)s points", points=signed), ""
    difference = second - first
    sign = "+" if difference > 0 else ""
    change = sign + format_decimal(difference)
    if not first:
        return change, ""
    return change, ("+" if difference > 0 else "") + format_percent(difference / first)


#: A figure a year's report does not have (its section not shown): no value, no change.
ABSENT = object()


def _text(key: str, value) -> str:
    return "—" if value is ABSENT else value_text(key, value)


def _row(key: str, label: str, first, second) -> CompareRow:
    if first is ABSENT or second is ABSENT:
        change, percent = "", ""
    else:
        change, percent = change_texts(key, first, second)
    return CompareRow(label, _text(key, first), _text(key, second), change, percent)


def _figure(value) -> tuple:
    """A value as a chart draws it: (None, its text) when unknown or absent, no bar."""
    if value is ABSENT:
        return None, "—"
    if value is None:
        return None, masked_text()
    return value, format_decimal(value)


def _summary(label, rows: list) -> str:
    """A sentence with both years' numbers of a compared breakdown."""
    listed = ", ".join(f"{row.label}: {row.first} → {row.second}" for row in rows)
    return _("%(breakdown)s – %(figures)s.", breakdown=label, figures=listed)


def _section(figures: dict, sections: list, section: str) -> dict:
    """A section's figures when that year's report shows it (a draft computes them all)."""
    return figures.get("sections", {}).get(section, {}) if section in sections else {}


def _zero(parts: dict, key: str):
    """0 for a category a breakdown omits, ABSENT when the breakdown is not there."""
    return 0 if key in parts else ABSENT


def _union(first: list, second: list) -> list:
    """The keys of both lists, the first's order, then the second's new ones."""
    return list(dict.fromkeys([*first, *second]))


def compare(first: dict, first_sections: list, second: dict, second_sections: list) -> list:
    """The sections of either year, each figure of both with its change."""
    sections = []
    for section in ordered_keys(_union(first_sections, second_sections)):
        a = _section(first, first_sections, section)
        b = _section(second, second_sections, section)
        if not a and not b:
            continue
        totals_a, totals_b = a.get("totals", {}), b.get("totals", {})
        totals = [
            _row(
                key,
                figure_label(section, key),
                totals_a.get(key, ABSENT),
                totals_b.get(key, ABSENT),
            )
            for key in _union(list(totals_a), list(totals_b))
        ]
        breakdowns, charts = [], {}
        parts_a, parts_b = a.get("breakdowns", {}), b.get("breakdowns", {})
        for key in _union(list(parts_a), list(parts_b)):
            rows_a = {row["key"]: row for row in parts_a.get(key, [])}
            rows_b = {row["key"]: row for row in parts_b.get(key, [])}
            rows, panels = [], []
            for category in _union(list(rows_a), list(rows_b)):
                row = rows_a.get(category) or rows_b[category]
                # An omitted category counted 0 that year (the contract omits zeros),
                # unless the year's report has no such breakdown at all.
                value_a = rows_a[category]["value"] if category in rows_a else _zero(parts_a, key)
                value_b = rows_b[category]["value"] if category in rows_b else _zero(parts_b, key)
                rows.append(_row(key, category_label(key, row), value_a, value_b))
                panels.append((rows[-1].label, [_figure(value_a), _figure(value_b)]))
            label = breakdown_label(section, key)
            breakdowns.append((label, rows))
            chart = compare_chart(
                key,
                panels,
                (first.get("year"), second.get("year")),
                chart_id=f"compare-chart-{section}-{key}",
                title=str(label),
                desc=_summary(label, rows),
            )
            if chart is not None:
                charts[str(label)] = chart
        sections.append(CompareSection(section_label(section), totals, breakdowns, charts))
    return sections
