"""What every chart shares: the <svg> opening with its name, colours, patterns, legends.

Charts are images (role="img") named by <title> and <desc>; the page shows their figures in
a table (templates/macros/charts.html), which is what assistive technologies read. Colours
are set by presentation attributes (fill=, stroke=), never style="", for the CSP. A series is
told apart by its colour and its pattern, so no meaning rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

WIDTH = 640
FONT_SIZE = 14
#: Text colour: 14.5:1 on white.
TEXT_COLOUR = "#1e2a2a"
BACKGROUND = "#ffffff"
#: Series colours, each at least 4.5:1 on white: they pass 3:1 against the background and,
#: with the white gap drawn between neighbours, against each other; white text reads on them.
SERIES_COLOURS = ("#1f6b45", "#2f5d9e", "#8a4b08", "#a3324f", "#5b4a9e", "#3d4a4a")
#: Drawn in white over a series' colour, one per series: solid, stripes, dots, lines, grid…
PATTERNS = (
    "",
    "M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4",
    "M2,2 h0.01 M6,6 h0.01",
    "M0,2 h8 M0,6 h8",
    "M0,4 h8 M4,0 v8",
    "M2,0 v8 M6,0 v8",
)
#: Only drawn from a bar's length in a track of this colour (1.2:1 on white: not information).
TRACK_COLOUR = "#e6f2ea"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (None: no figure), and the value as the reader reads it."""

    label: str
    value: float | None
    value_text: str


def masked(x: float, y: float, width: float, height: float, content: str = "") -> str:
    """An unknown figure (a masked count, None): a dashed empty box with its text (e.g.
    "< 5"), never a bar of 0 nor a guessed length."""
    return (
        f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" fill="{BACKGROUND}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1" stroke-dasharray="3 2"/>'
        + (
            text(x + width / 2, y + height / 2 + 4, content, anchor="middle", size=12)
            if content
            else ""
        )
    )


def shorten(text: str, limit: int = 30) -> str:
    """Labels longer than `limit` characters end with an ellipsis (the table has them whole)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg_open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    """The opening tag, named by its title and description, as a list to append to."""
    chart_id = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def text(x: float, y: float, content: str, *, anchor: str = "start", size: int = FONT_SIZE) -> str:
    """A line of text in the text colour."""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" fill="{TEXT_COLOUR}" '
        f'text-anchor="{anchor}">{escape(content)}</text>'
    )


def series_fill(chart_id: str, index: int) -> str:
    """The fill of series `index`: its pattern, defined by `pattern_defs`."""
    return f"url(#{escape(chart_id)}-s{index})"


def pattern_defs(chart_id: str, count: int) -> str:
    """One <pattern> per series: its colour with its white motif (ids prefixed by chart)."""
    parts = ["<defs>"]
    for index in range(count):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        motif = PATTERNS[index % len(PATTERNS)]
        parts.append(
            f'<pattern id="{escape(chart_id)}-s{index}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{colour}"/>'
            + (
                f'<path d="{motif}" stroke="{BACKGROUND}" stroke-width="1.6" '
                f'stroke-linecap="round"/>'
                if motif
                else ""
            )
            + "</pattern>"
        )
    parts.append("</defs>")
    return "".join(parts)


def legend(
    chart_id: str, items: list[str], *, x: float, y: float, width: float, unknown=()
) -> tuple[str, float]:
    """Swatches and their labels, wrapped in lines within `width`; returns the markup and
    the height used. The items at the indexes `unknown` (no figure) get an empty dashed box."""
    parts, left, line = [], x, 0
    for index, label in enumerate(items):
        size = 20 + 8 * len(label) + 16  # swatch, text at ~8 px a character, gap
        if left > x and left + size > x + width:
            left, line = x, line + 1
        top = y + line * 26
        if index in unknown:
            parts.append(masked(left, top, 16, 16))
        else:
            parts.append(
                f'<rect x="{left:g}" y="{top:g}" width="16" height="16" '
                f'fill="{series_fill(chart_id, index)}" stroke="{TEXT_COLOUR}" stroke-width="1"/>'
            )
        parts.append(text(left + 22, top + 13, label))
        left += size
    return "".join(parts), (line + 1) * 26 if items else 0


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
