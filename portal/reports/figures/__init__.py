"""STAND-IN, replaced at integration by the `figures` helper's package.

It returns a dict of the contract's shape (/work/tr/FIGURES.md) with made-up numbers, so
that the report's pages, publishing and versions run before the real figures exist.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SCHEMA_VERSION = 1
FEWER_THAN_5_TEXT = _l("fewer than 5")


def compute_figures(year: int) -> dict:
    """STAND-IN: plausible figures for `year` (not computed from the database)."""
    step = year % 7
    return {
        "schema": SCHEMA_VERSION,
        "year": year,
        "sections": {
            "allies": {
                "totals": {"signatures_year": 12 + step, "allies_total": 140 + step * 3},
                "breakdowns": {
                    "by_kind": [
                        {"key": "collectivite", "value": 60 + step},
                        {"key": "association", "value": 48},
                        {"key": "entreprise", "value": None},
                    ],
                    "by_region": [
                        {"key": "bretagne", "value": 21},
                        {"key": "occitanie", "value": 17 + step},
                        {"key": "guyane", "value": None},
                    ],
                },
            },
            "activity": {
                "totals": {"sessions": 40 + step, "attendance_rate": 0.78},
                "breakdowns": {"by_region": [{"key": "bretagne", "value": 9}]},
            },
            "experiences": {
                "totals": {"published": None},
                "breakdowns": {
                    "by_theme": [
                        {"key": "energy", "label": "Énergie", "value": 7},
                        {"key": "food", "label": "Alimentation", "value": None},
                    ]
                },
            },
        },
    }
