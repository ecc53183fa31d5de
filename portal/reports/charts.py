"""The one place that picks the chart of a breakdown (bars today; donuts or stacked bars
can replace them here without touching the templates)."""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from portal.core.charts import Bar, bar_chart


def breakdown_chart(rows: list, *, chart_id: str, title: str, summary: str) -> Markup:
    """The chart of a breakdown's rows (label, value or None, text); `summary` is its desc."""
    bars = [
        # The chart's value column is narrow: "< 5" there, the words in the table.
        Bar(label, value, value_text if value is not None else _("< 5"))
        for label, value, value_text in rows
    ]
    return bar_chart(bars, chart_id=chart_id, title=title, desc=summary)
