"""The attendance chart of the facilitator view, drawn by the shared portal.core.charts."""

from __future__ import annotations

from markupsafe import Markup

from portal.core.charts import Bar, bar_chart


def attendance_chart(
    bars: list[tuple[str, float | None, str]], *, chart_id: str, title: str, desc: str
) -> Markup:
    """A horizontal bar chart: one (label, rate 0..1 or None, value text) per bar."""
    return bar_chart(
        [Bar(label, rate, text) for label, rate, text in bars],
        chart_id=chart_id,
        title=title,
        desc=desc,
        scale=1,
    )
