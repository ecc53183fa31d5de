"""Stacked horizontal bars: several series per row, told apart by colour and pattern."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from portal.core.charts.svg import (
    BACKGROUND,
    TEXT_COLOUR,
    WIDTH,
    legend,
    masked,
    pattern_defs,
    series_fill,
    shorten,
    svg_open,
    text,
)

BAR_HEIGHT = 26
GAP = 12
LABEL_WIDTH = 180
TOTAL_WIDTH = 60
MASKED_WIDTH = 40


@dataclass(frozen=True)
class StackedRow:
    """One row: its label, one value per series (in the order of the series; None when
    unknown), its total."""

    label: str
    values: list[float | None]
    total_text: str
    #: Written in the box of an unknown part (None).
    masked_text: str = "< 5"


def _segment(chart_id: str, index: int, x: float, y: float, width: float, value: float) -> str:
    """One series' part of a row, a white gap on its sides, and its figure on a white chip
    when it fits (dark on white: 14.5:1, whatever the pattern beneath)."""
    parts = [
        f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{BAR_HEIGHT}" '
        f'fill="{series_fill(chart_id, index)}" stroke="{BACKGROUND}" stroke-width="2"/>'
    ]
    label = f"{value:g}"
    chip = 8 * len(label) + 8
    if width >= chip + 6:
        centre = x + width / 2
        parts.append(
            f'<rect x="{centre - chip / 2:g}" y="{y + 4:g}" width="{chip}" '
            f'height="{BAR_HEIGHT - 8}" rx="3" fill="{BACKGROUND}"/>'
        )
        parts.append(text(centre, y + BAR_HEIGHT / 2 + 5, label, anchor="middle", size=13))
    return "".join(parts)


def stacked_bar_chart(
    rows: list[StackedRow],
    series: list[str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    scale: float | None = None,
) -> Markup:
    """Rows of stacked bars with a legend of the `series` above; a full track is `scale`
    (by default the largest row total). Each part carries its figure when wide enough."""
    if scale is None:
        scale = max((sum(v for v in row.values if v) for row in rows), default=0)
    scale = scale or 1
    boxes = max((row.values.count(None) for row in rows), default=0)
    track = WIDTH - LABEL_WIDTH - TOTAL_WIDTH - boxes * MASKED_WIDTH  # room for unknown parts
    legend_markup, legend_height = legend(chart_id, series, x=0, y=4, width=WIDTH)
    top = legend_height + 12
    height = top + len(rows) * (BAR_HEIGHT + GAP)
    parts = svg_open(chart_id, WIDTH, height, title, desc)
    parts += [pattern_defs(chart_id, len(series)), legend_markup]
    for number, row in enumerate(rows):
        y = top + number * (BAR_HEIGHT + GAP)
        parts.append(text(0, y + BAR_HEIGHT / 2 + 5, shorten(row.label, 24)))
        left = LABEL_WIDTH
        for index, value in enumerate(row.values[: len(series)]):
            if value is None:
                # An unknown part (a masked count): a dashed box with its text, no length.
                parts.append(masked(left, y, MASKED_WIDTH, BAR_HEIGHT, row.masked_text))
                left += MASKED_WIDTH
                continue
            if not value or value < 0:
                continue
            width = track * min(value / scale, 1)
            parts.append(_segment(chart_id, index, left, y, width, value))
            left += width
        parts.append(
            f'<text x="{WIDTH - TOTAL_WIDTH + 8}" y="{y + BAR_HEIGHT / 2 + 5:g}" '
            f'font-size="14" font-weight="bold" fill="{TEXT_COLOUR}">'
            f"{escape(row.total_text)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped
