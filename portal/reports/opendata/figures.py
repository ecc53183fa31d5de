"""The figures of a report as rows of a table: one per total and one per breakdown category.

A breakdown count from 1 to 4 is stored as None (FIGURES.md, the under-5 rule): its row
has an empty value and `fewer_than_5` set, so nobody reads it as zero.
"""

from __future__ import annotations

from collections.abc import Callable

#: The columns of a row, in order (the documented schema is in datasets.py).
FIGURE_COLUMNS = (
    "year",
    "version",
    "section",
    "figure",
    "breakdown",
    "category",
    "label",
    "value",
    "fewer_than_5",
)


def _labellers() -> tuple[Callable, Callable]:
    """(figure label, category label) in the current language; a key the labels do not
    know (a snapshot older than a renamed figure) is shown as itself."""

    def stored(breakdown, row):
        return row.get("label") or row["key"]

    try:
        from portal.reports.figures.labels import category_label, figure_label
    except ImportError:  # the figures' labels are not part of this build
        return (lambda section, key: key), stored

    def figure(section, key):
        try:
            return str(figure_label(section, key))
        except LookupError:
            return key

    def category(breakdown, row):
        try:
            return str(category_label(breakdown, row))
        except LookupError:
            return stored(breakdown, row)

    return figure, category


def flatten_figures(figures: dict, version: int | None = None) -> list[dict]:
    """The rows of `figures` (the FIGURES.md dict): totals first, then each breakdown's
    categories, section by section in the dict's order; labels in the current language."""
    figure_label, category_label = _labellers()
    year = figures.get("year")
    rows = []

    def row(section, figure, breakdown, category, label, value, hidden=False) -> dict:
        values = (year, version, section, figure, breakdown, category, label, value, hidden)
        return dict(zip(FIGURE_COLUMNS, values, strict=True))

    for section, content in figures.get("sections", {}).items():
        for key, value in content.get("totals", {}).items():
            rows.append(row(section, key, None, None, figure_label(section, key), value))
        for breakdown, categories in content.get("breakdowns", {}).items():
            for category in categories:
                value = category.get("value")
                label = category_label(breakdown, category)
                rows.append(
                    row(section, None, breakdown, category["key"], label, value, value is None)
                )
    return rows
