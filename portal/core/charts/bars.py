"""Horizontal bar charts: one chart, or small multiples (one small chart per group)."""

from __future__ import annotations

from markupsafe import Markup, escape

from portal.core.charts.svg import (
    TEXT_COLOUR,
    TRACK_COLOUR,
    WIDTH,
    Bar,
    masked,
    shorten,
    svg_open,
    text,
)

BAR_HEIGHT = 24
GAP = 12
LABEL_WIDTH = 220
VALUE_WIDTH = 60
TOP = 8
#: At least 4.5:1 on white and 3:1 against its track.
BAR_COLOUR = "#1f6b45"


def _scale(values, scale: float | None) -> float:
    """The value a full track stands for: `scale`, or the largest value."""
    if scale is None:
        scale = max((v or 0 for v in values), default=0)
    return scale or 1


def _bar(bar: Bar, *, x: float, y: float, track: float, scale: float, height: int) -> list[str]:
    """A bar's track and its filled part; an unknown value (None) a dashed empty stub."""
    if bar.value is None:
        stub = min(track, 36)
        return [
            f'<rect x="{x:g}" y="{y:g}" width="{track:g}" height="{height}" '
            f'fill="{TRACK_COLOUR}"/>',
            masked(x, y, stub, height),  # its text ("< 5") is in the value column
        ]
    filled = round(track * min(max((bar.value or 0) / scale, 0), 1))
    return [
        f'<rect x="{x:g}" y="{y:g}" width="{track:g}" height="{height}" fill="{TRACK_COLOUR}"/>',
        f'<rect x="{x:g}" y="{y:g}" width="{filled}" height="{height}" fill="{BAR_COLOUR}"/>',
    ]


def bar_chart(
    bars: list[Bar], *, chart_id: str, title: str, desc: str, scale: float | None = None
) -> Markup:
    """A horizontal bar chart; a bar's length is its value over `scale` (by default the
    largest value, so counts fill the track; pass 1 for rates from 0 to 1)."""
    scale = _scale((b.value for b in bars), scale)
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP)
    parts = svg_open(chart_id, WIDTH, height, title, desc)
    for index, bar in enumerate(bars):
        y = TOP + index * (BAR_HEIGHT + GAP)
        text_y = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text x="0" y="{text_y}" font-size="14" fill="{TEXT_COLOUR}">'
            f"{escape(shorten(bar.label))}</text>"
        )
        parts += _bar(bar, x=LABEL_WIDTH, y=y, track=track, scale=scale, height=BAR_HEIGHT)
        parts.append(
            f'<text x="{WIDTH - VALUE_WIDTH + 8}" y="{text_y}" font-size="14" '
            f'fill="{TEXT_COLOUR}">{escape(bar.value_text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def small_multiples(
    groups: list[tuple[str, list[Bar]]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    columns: int = 2,
    scale: float | None = None,
) -> Markup:
    """One small bar chart per (group name, bars), in a grid, all on the same scale (by
    default the largest value of all groups), so panels compare at a glance."""
    scale = _scale((b.value for _, bars in groups for b in bars), scale)
    columns = max(1, min(columns, len(groups) or 1))
    panel_width = WIDTH // columns
    label_width, value_width, bar_height, gap = 120, 48, 16, 8
    rows_per_panel = max((len(bars) for _, bars in groups), default=0)
    panel_height = 28 + rows_per_panel * (bar_height + gap) + 12
    height = panel_height * -(-len(groups) // columns)
    parts = svg_open(chart_id, WIDTH, height or 1, title, desc)
    track = panel_width - label_width - value_width - 12
    for index, (name, bars) in enumerate(groups):
        left = (index % columns) * panel_width
        top = (index // columns) * panel_height
        parts.append(
            f'<text x="{left}" y="{top + 18}" font-size="15" font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{escape(shorten(name, 40))}</text>'
        )
        for row, bar in enumerate(bars):
            y = top + 28 + row * (bar_height + gap)
            parts.append(text(left, y + 13, shorten(bar.label, 15), size=12))
            parts += _bar(
                bar, x=left + label_width, y=y, track=track, scale=scale, height=bar_height
            )
            parts.append(text(left + label_width + track + 6, y + 13, bar.value_text, size=12))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped
