"""The one place that picks the chart of a report's figures: a donut for shares, bars for
long lists, the map for allies by region, a stacked bar where a total splits, a small
multiple by fundamental to compare two years. Charts read the figures dict only (no query).

An unknown count (None, "fewer than 5") is never drawn as 0: the chart writes "< 5" and
leaves its length out; the table beside it says "fewer than 5".
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal.alliance.map import allies_map
from portal.core.charts import (
    Bar,
    StackedRow,
    bar_chart,
    donut_chart,
    small_multiples,
    stacked_bar_chart,
)

BARS, DONUT, MAP, STACKED, SMALL_MULTIPLES = "bars", "donut", "map", "stacked", "small_multiples"

#: Breakdowns that are shares of one whole (each ally has one kind, each experience one
#: fundamental): a donut. Other breakdowns are long lists (regions, themes): bars.
SHARES = {"by_kind", "by_fundamental"}
#: (section, breakdown) drawn on the map of France's regions.
MAPS = {("allies", "by_region")}
#: Breakdowns compared year against year as one small panel per category, same scale.
COMPARED_IN_PANELS = {"by_fundamental"}

#: Section -> (the whole, its parts): one stacked bar. A part None is the rest of the
#: whole, named by the label given (submitted applications not accepted...).
SPLITS = {
    "allies": ("allies", (("organisations", None), ("individuals", None))),
    "applications": ("submitted", (("accepted", None), (None, _l("Not accepted")))),
    "resources": ("shared", (("library", None), ("in_spaces", None))),
    "assembly": ("electorate", (("voters", None), (None, _l("Did not vote")))),
}
#: Section -> its totals drawn as bars (counts of one kind, or a rate on a 0–100 % track).
TOTAL_BARS = {"activity": ("attendance_rate",), "forums": ("threads", "posts", "members")}


def masked_text() -> str:
    """An unknown count in a chart, where the column is narrow (the table has the words)."""
    return _("< 5")


def kind_of(section: str, key: str) -> str:
    """The chart of breakdown `key` of `section`."""
    if (section, key) in MAPS:
        return MAP
    return DONUT if key in SHARES else BARS


def _bars(rows: list) -> list[Bar]:
    return [
        Bar(label, value, text if value is not None else masked_text())
        for label, value, text, *_key in rows
    ]


def breakdown_chart(
    section: str, key: str, rows: list, *, chart_id: str, title: str, summary: str
) -> Markup:
    """The chart of a breakdown's rows (label, value or None, text); `summary` is its desc.
    For the map, rows also carry their category key as a fourth item."""
    kind = kind_of(section, key)
    if kind == MAP:
        return allies_map({row[3]: row[1] for row in rows}, map_id=chart_id)
    if kind == DONUT:
        return donut_chart(_bars(rows), chart_id=chart_id, title=title, desc=summary)
    return bar_chart(_bars(rows), chart_id=chart_id, title=title, desc=summary)


def _rest(whole, parts) -> int | None:
    """The whole minus its known parts; unknown when any of them is."""
    if whole is None or any(value is None for value in parts):
        return None
    return max(whole - sum(parts), 0)


def totals_parts(section: str, totals: dict) -> tuple[str | None, list]:
    """The chart kind of a section's totals and what it draws: [(figure key, or None and
    the label of a rest, value)], the whole last for a stacked bar; (None, []) if none fits."""
    if section in SPLITS and SPLITS[section][0] in totals:
        whole, parts = SPLITS[section]
        if not all(key in totals for key, _label in parts if key):
            return None, []
        known = [totals[key] for key, _label in parts if key]
        drawn = [
            (key, None, totals[key]) if key else (None, label, _rest(totals[whole], known))
            for key, label in parts
        ]
        return STACKED, [*drawn, (whole, None, totals[whole])]
    keys = [key for key in TOTAL_BARS.get(section, ()) if key in totals]
    return (BARS, [(key, None, totals[key]) for key in keys]) if keys else (None, [])


def totals_chart(kind: str, rows: list, *, chart_id: str, title: str, summary: str) -> Markup:
    """The chart of a section's totals, rows (label, value, text) from `totals_parts`."""
    if kind == STACKED:
        *parts, (whole, _value, whole_text) = rows
        values = [value for _label, value, _text in parts]
        row = StackedRow(whole, values, whole_text, masked_text())
        series = [label for label, _value, _text in parts]
        return stacked_bar_chart([row], series, chart_id=chart_id, title=title, desc=summary)
    # Rates (0 to 1) fill a track standing for 100 %; counts, the largest one.
    rates = all(value is None or isinstance(value, float) for _label, value, _text in rows)
    return bar_chart(
        _bars(rows), chart_id=chart_id, title=title, desc=summary, scale=1 if rates else None
    )


def compare_chart(
    key: str, rows: list, years: tuple, *, chart_id: str, title: str, desc: str
) -> Markup | None:
    """A breakdown of two years as small multiples, or None when it is not compared so:
    one panel per category, rows (label, [(value, text) of each year]), all on one scale.
    An unknown value (None: fewer than 5, or no such breakdown that year) has no bar."""
    if key not in COMPARED_IN_PANELS or not rows:
        return None
    groups = [
        (label, [Bar(str(year), *figure) for year, figure in zip(years, pair, strict=True)])
        for label, pair in rows
    ]
    return small_multiples(groups, chart_id=chart_id, title=title, desc=desc, columns=3)
