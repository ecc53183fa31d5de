"""Server-side SVG charts, no JavaScript: bars, stacked bars, donuts, small multiples.

Every chart is an image named by its title and description, drawn with presentation
attributes (CSP), and shown beside a table of the same figures (macros/charts.html).
"""

from portal.core.charts.bars import bar_chart, small_multiples
from portal.core.charts.donut import donut_chart
from portal.core.charts.stacked import StackedRow, stacked_bar_chart
from portal.core.charts.svg import Bar, contrast_ratio, shorten

__all__ = [
    "Bar",
    "StackedRow",
    "bar_chart",
    "contrast_ratio",
    "donut_chart",
    "shorten",
    "small_multiples",
    "stacked_bar_chart",
]
