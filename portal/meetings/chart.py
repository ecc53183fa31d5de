"""Server-side SVG bar chart of attendance rates: no JavaScript, readable by screen readers.

The SVG is an image (role="img") named by its <title> and <desc>; the page shows
the same figures in a table, which is what assistive technologies should read.
Presentation attributes (fill, font-size) are used instead of style="" (CSP).
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 640
BAR_HEIGHT = 24
GAP = 12
LABEL_WIDTH = 220
VALUE_WIDTH = 60
TOP = 8
#: Colours with at least 4.5:1 contrast on white (text) and 3:1 (bars).
BAR_COLOUR = "#1f6b45"
TRACK_COLOUR = "#e6f2ea"
TEXT_COLOUR = "#1e2a2a"


def _shorten(text: str, limit: int = 30) -> str:
    """Labels longer than `limit` characters end with an ellipsis (the table has them whole)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attendance_chart(
    bars: list[tuple[str, float | None, str]], *, chart_id: str, title: str, desc: str
) -> Markup:
    """A horizontal bar chart: one (label, rate 0..1 or None, value text) per bar."""
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for index, (label, rate, value_text) in enumerate(bars):
        y = TOP + index * (BAR_HEIGHT + GAP)
        text_y = y + BAR_HEIGHT / 2 + 5
        filled = round(track * rate) if rate is not None else 0
        parts += [
            f'<text x="0" y="{text_y}" font-size="14" fill="{TEXT_COLOUR}">'
            f"{escape(_shorten(label))}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{track}" height="{BAR_HEIGHT}" '
            f'fill="{TRACK_COLOUR}"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{filled}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"/>',
            f'<text x="{WIDTH - VALUE_WIDTH + 8}" y="{text_y}" font-size="14" '
            f'fill="{TEXT_COLOUR}">{escape(value_text)}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped
