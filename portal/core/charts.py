"""Server-side SVG bar charts: no JavaScript, readable by screen readers.

The SVG is an image (role="img") named by its <title> and <desc>; the page shows the same
figures in a table beside it, which is what assistive technologies should read. Each bar
carries its figure as text, so no meaning rests on colour alone. Presentation attributes
(fill, font-size) are used instead of style="" (CSP).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
BAR_HEIGHT = 24
GAP = 12
LABEL_WIDTH = 220
VALUE_WIDTH = 60
TOP = 8
#: Colours with at least 4.5:1 contrast on white (text) and 3:1 (bars against their track).
BAR_COLOUR = "#1f6b45"
TRACK_COLOUR = "#e6f2ea"
TEXT_COLOUR = "#1e2a2a"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (None: no figure), and the value as the reader reads it."""

    label: str
    value: float | None
    value_text: str


def shorten(text: str, limit: int = 30) -> str:
    """Labels longer than `limit` characters end with an ellipsis (the table has them whole)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    bars: list[Bar], *, chart_id: str, title: str, desc: str, scale: float | None = None
) -> Markup:
    """A horizontal bar chart; a bar's length is its value over `scale` (by default the
    largest value, so counts fill the track; pass 1 for rates from 0 to 1)."""
    if scale is None:
        scale = max((b.value or 0 for b in bars), default=0) or 1
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP)
    chart_id = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = TOP + index * (BAR_HEIGHT + GAP)
        text_y = y + BAR_HEIGHT / 2 + 5
        share = min(max((bar.value or 0) / scale, 0), 1)
        filled = round(track * share)
        parts += [
            f'<text x="0" y="{text_y}" font-size="14" fill="{TEXT_COLOUR}">'
            f"{escape(shorten(bar.label))}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{track}" height="{BAR_HEIGHT}" '
            f'fill="{TRACK_COLOUR}"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{filled}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"/>',
            f'<text x="{WIDTH - VALUE_WIDTH + 8}" y="{text_y}" font-size="14" '
            f'fill="{TEXT_COLOUR}">{escape(bar.value_text)}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped
