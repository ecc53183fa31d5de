"""A donut for shares of a whole: every slice labelled with its share, a legend with values."""

from __future__ import annotations

import math

from flask_babel import format_percent
from flask_babel import gettext as _
from markupsafe import Markup

from portal.core.charts.svg import (
    BACKGROUND,
    TRACK_COLOUR,
    WIDTH,
    Bar,
    legend,
    pattern_defs,
    series_fill,
    svg_open,
    text,
)

RADIUS = 100
HOLE = 58
LABEL_RADIUS = RADIUS + 20
CENTRE = (RADIUS + 64, RADIUS + 36)


def _point(angle: float, radius: float) -> tuple[float, float]:
    """A point at `angle` (0 at the top, clockwise) and `radius` from the centre."""
    return (
        CENTRE[0] + radius * math.sin(angle),
        CENTRE[1] - radius * math.cos(angle),
    )


def _slice(start: float, end: float) -> str:
    """The path of a ring slice between two angles (a full ring is two halves)."""
    if end - start >= 2 * math.pi - 1e-9:
        return _slice(start, start + math.pi) + _slice(start + math.pi, end)
    large = 1 if end - start > math.pi else 0
    (x1, y1), (x2, y2) = _point(start, RADIUS), _point(end, RADIUS)
    (x3, y3), (x4, y4) = _point(end, HOLE), _point(start, HOLE)
    return (
        f"M{x1:.2f},{y1:.2f}A{RADIUS},{RADIUS} 0 {large} 1 {x2:.2f},{y2:.2f}"
        f"L{x3:.2f},{y3:.2f}A{HOLE},{HOLE} 0 {large} 0 {x4:.2f},{y4:.2f}Z"
    )


def donut_chart(slices: list[Bar], *, chart_id: str, title: str, desc: str) -> Markup:
    """Shares of the total of `slices`: each slice has its pattern and its share written
    beside it; the legend gives each label with its value and share. A slice whose value is
    unknown (None: a masked count) draws nothing and its legend gives only its text ("< 5"):
    the shares are those of the known total, no size is guessed."""
    total = sum(max(s.value or 0, 0) for s in slices)
    shares = [max(s.value or 0, 0) / total if total else 0 for s in slices]
    items = [
        _("%(label)s: %(value)s", label=s.label, value=s.value_text)
        if s.value is None
        else _(
            "%(label)s: %(value)s (%(share)s)",
            label=s.label,
            value=s.value_text,
            share=format_percent(share),
        )
        for s, share in zip(slices, shares, strict=True)
    ]
    legend_x = CENTRE[0] + LABEL_RADIUS + 40
    legend_markup, legend_height = legend(
        chart_id,
        items,
        x=legend_x,
        y=16,
        width=WIDTH - legend_x,
        unknown={i for i, s in enumerate(slices) if s.value is None},
    )
    height = max(2 * CENTRE[1], legend_height + 24)
    parts = svg_open(chart_id, WIDTH, height, title, desc)
    parts += [pattern_defs(chart_id, len(slices)), legend_markup]
    if not total:
        parts.append(f'<path d="{_slice(0, 2 * math.pi)}" fill="{TRACK_COLOUR}"/>')
    start = 0.0
    for index, share in enumerate(shares):
        if not share:
            continue
        end = start + share * 2 * math.pi
        parts.append(
            f'<path d="{_slice(start, end)}" fill="{series_fill(chart_id, index)}" '
            f'stroke="{BACKGROUND}" stroke-width="2"/>'
        )
        x, y = _point((start + end) / 2, LABEL_RADIUS)
        anchor = "start" if x > CENTRE[0] + 4 else "end" if x < CENTRE[0] - 4 else "middle"
        parts.append(text(x, y + 5, format_percent(share), anchor=anchor, size=13))
        start = end
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text is escaped by svg.text/legend
