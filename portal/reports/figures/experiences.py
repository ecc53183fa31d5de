"""Experiences published in the year, by fundamental, theme and region.

An experience counts in the year of its first publication while it is still published
(one taken back to draft no longer counts). A theme's name lives in the database, so
its rows store the name as it was: `label` (French, the portal's language) and
`label_en`, read back by labels.category_label in the reader's language.
"""

from __future__ import annotations

from sqlalchemy import func, select

from portal.alliance.constants import REGIONS
from portal.core.extensions import db
from portal.experiences.constants import FUNDAMENTALS, PUBLISHED
from portal.experiences.models import Experience, ExperienceFundamental, Theme, experience_themes
from portal.reports.figures.period import Period, breakdown, masked


def _published(period: Period):
    """SQL: the experience was first published in the year and still is."""
    return (Experience.status == PUBLISHED) & period.contains(Experience.published_at)


def _by_fundamental(period: Period) -> list[dict]:
    """Published experiences per fundamental (an experience has one or more)."""
    rows = db.session.execute(
        select(ExperienceFundamental.key, func.count(Experience.id))
        .join(Experience, Experience.id == ExperienceFundamental.experience_id)
        .where(_published(period))
        .group_by(ExperienceFundamental.key)
    ).all()
    return breakdown(rows, FUNDAMENTALS)


def _by_theme(period: Period) -> list[dict]:
    """Published experiences per theme, in the themes' display order, names stored."""
    rows = db.session.execute(
        select(Theme.key, Theme.label_fr, Theme.label_en, func.count(Experience.id))
        .join(experience_themes, experience_themes.c.theme_id == Theme.id)
        .join(Experience, Experience.id == experience_themes.c.experience_id)
        .where(_published(period))
        .group_by(Theme.id, Theme.key, Theme.label_fr, Theme.label_en, Theme.position)
        .order_by(Theme.position, Theme.id)
    ).all()
    return [
        {"key": key, "label": label_fr, "label_en": label_en, "value": masked(n)}
        for key, label_fr, label_en, n in rows
        if n
    ]


def experiences_section(period: Period) -> dict:
    """The experiences section (three queries: the total is the sum of the regions)."""
    regions = db.session.execute(
        select(Experience.region, func.count(Experience.id))
        .where(_published(period))
        .group_by(Experience.region)
    ).all()
    return {
        "totals": {"published": sum(int(n) for _region, n in regions)},
        "breakdowns": {
            "by_fundamental": _by_fundamental(period),
            "by_theme": _by_theme(period),
            "by_region": breakdown(regions, REGIONS),
        },
    }
