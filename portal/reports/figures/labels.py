"""The labels of the report's sections, figures, breakdowns and categories (lazy: looked
up when rendered, so a stored snapshot reads in either language)."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.experiences.constants import FUNDAMENTALS

#: How a masked breakdown cell (a count from 1 to 4) reads.
FEWER_THAN_5_TEXT = _l("fewer than 5")

#: Section key -> (label, {figure key: label}, {breakdown key: label}), in the report's order.
SECTIONS = {
    "allies": (
        _l("Allies"),
        {
            "signatures": _l("Signatures of the year"),
            "allies": _l("Allies at the end of the year"),
            "organisations": _l("Organisations"),
            "individuals": _l("Individuals"),
        },
        {"by_kind": _l("Kind of organisation"), "by_region": _l("Region")},
    ),
    "activity": (
        _l("Activity"),
        {
            "programmes_active": _l("Active dispositifs"),
            "spaces_active": _l("Active spaces"),
            "sessions": _l("Sessions held"),
            "hours": _l("Hours of sessions"),
            "participants": _l("Distinct participants"),
            "attendance_rate": _l("Attendance rate"),
            "territories": _l("Territories accompanied"),
        },
        {},
    ),
    "applications": (
        _l("Applications"),
        {"submitted": _l("Applications submitted"), "accepted": _l("Applications accepted")},
        {},
    ),
    "experiences": (
        _l("Experiences"),
        {"published": _l("Experiences published")},
        {"by_fundamental": _l("Fundamental"), "by_theme": _l("Theme"), "by_region": _l("Region")},
    ),
    "resources": (
        _l("Resources"),
        {
            "shared": _l("Resources shared"),
            "library": _l("Published in the library"),
            "in_spaces": _l("Posted in spaces"),
        },
        {},
    ),
    "forums": (
        _l("Forums"),
        {
            "threads": _l("Threads opened"),
            "posts": _l("Posts written"),
            "members": _l("Active members"),
        },
        {},
    ),
    "assembly": (
        _l("The Assemblée des alliés"),
        {
            "contributions": _l("Contributions"),
            "questionnaire_answers": _l("Questionnaire answers"),
            "voters": _l("Voters"),
            "electorate": _l("Electorate"),
            "turnout": _l("Turnout"),
        },
        {},
    ),
}

#: Breakdown key -> the domain's own labels of its category keys.
CATEGORIES = {"by_kind": ORGANISATION_KINDS, "by_region": REGIONS, "by_fundamental": FUNDAMENTALS}


def section_label(section: str):
    """A section's label (the key itself if unknown, e.g. in an old snapshot)."""
    return SECTIONS[section][0] if section in SECTIONS else section


def figure_label(section: str, key: str):
    """A figure's label (the key itself if unknown)."""
    return SECTIONS.get(section, (None, {}, {}))[1].get(key, key)


def breakdown_label(section: str, key: str):
    """A breakdown's label (the key itself if unknown)."""
    return SECTIONS.get(section, (None, {}, {}))[2].get(key, key)


def category_label(breakdown_key: str, row: dict) -> str:
    """A breakdown row's label in the current language: the domain's label of its key, or
    the name stored with it (a theme: `label` in French, `label_en` in English)."""
    known = CATEGORIES.get(breakdown_key, {})
    if row["key"] in known:
        return str(known[row["key"]])
    stored = row.get("label") or row["key"]
    if row.get("label_en") and not str(get_locale() or "fr").startswith("fr"):
        return row["label_en"]
    return stored


def value_text(value):
    """A breakdown cell for people: the count, or "fewer than 5" for a masked one."""
    return FEWER_THAN_5_TEXT if value is None else value
