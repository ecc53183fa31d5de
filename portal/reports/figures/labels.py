"""STAND-IN, replaced at integration by the `figures` helper's labels.py.

The labels of the sections, figures and breakdown categories of the figures contract
(/work/tr/FIGURES.md): SECTIONS, figure_label(section, key), category_label(breakdown, row).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS

#: section key -> (label, {figure key: label}, {breakdown key: label}), in the report's order.
SECTIONS = {
    "allies": (
        _l("Allies"),
        {"signatures_year": _l("Signatures of the year"), "allies_total": _l("Allies in all")},
        {"by_kind": _l("By kind of organisation"), "by_region": _l("By region")},
    ),
    "activity": (
        _l("Sessions and attendance"),
        {"sessions": _l("Sessions held"), "attendance_rate": _l("Attendance rate")},
        {"by_region": _l("By region")},
    ),
    "experiences": (
        _l("Experiences"),
        {"published": _l("Experiences published")},
        {"by_theme": _l("By theme")},
    ),
}

CATEGORY_NAMES = {"by_kind": ORGANISATION_KINDS, "by_region": REGIONS}


def section_label(section: str) -> str:
    """A section's translated name (its key when unknown)."""
    return str(SECTIONS[section][0]) if section in SECTIONS else section


def figure_label(section: str, key: str) -> str:
    """A figure's translated name (its key when unknown)."""
    return str(SECTIONS.get(section, ("", {}, {}))[1].get(key, key))


def breakdown_label(section: str, key: str) -> str:
    """A breakdown's translated name (its key when unknown)."""
    return str(SECTIONS.get(section, ("", {}, {}))[2].get(key, key))


def category_label(breakdown_key: str, row: dict) -> str:
    """A category's translated name: the domain's label, the stored one, or the key."""
    names = CATEGORY_NAMES.get(breakdown_key, {})
    if row["key"] in names:
        return str(names[row["key"]])
    return row.get("label") or row["key"]
