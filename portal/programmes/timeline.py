"""The timeline ("frise"): programmes since 2020 and the alliance's milestones, by year,
and the geometry of its SVG drawing; milestones' editing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.core.extensions import db
from portal.programmes.constants import TIMELINE_SINCE
from portal.programmes.models import Milestone, Programme

MILESTONE_FIELDS = ("happened_on", "title", "url", "description")

#: The drawing's geometry, in SVG user units.
ROW_HEIGHT = 28
YEAR_GAP = 36
LINE_X = 70


@dataclass(frozen=True)
class Item:
    """One entry of the timeline: a milestone or the start of a programme."""

    on: date
    title: str
    #: "milestone" or "programme".
    kind: str
    url: str = ""
    description: str = ""
    slug: str = ""


@dataclass
class Year:
    """A year of the timeline, its items in date order, and its place in the drawing."""

    year: int
    items: list[Item]
    y: int = 0


def items() -> list[Item]:
    """Every milestone, and every programme started (or made) since TIMELINE_SINCE, by date."""
    made: list[Item] = [
        Item(m.happened_on, m.title, "milestone", m.url, m.description)
        for m in db.session.scalars(select(Milestone))
    ]
    for programme in db.session.scalars(select(Programme)):
        on = programme.starts_on or programme.created_at.date()
        if on.year >= TIMELINE_SINCE:
            made.append(
                Item(
                    on,
                    programme.title,
                    "programme",
                    slug=programme.slug,
                    description=programme.summary,
                )
            )
    return sorted(made, key=lambda item: (item.on, item.kind != "milestone", item.title))


def by_year(entries: list[Item]) -> list[Year]:
    """`entries` grouped by year, oldest first, each placed down the drawing."""
    years: list[Year] = []
    for entry in entries:
        if not years or years[-1].year != entry.on.year:
            years.append(Year(entry.on.year, []))
        years[-1].items.append(entry)
    y = YEAR_GAP
    for year in years:
        year.y = y
        y += YEAR_GAP + ROW_HEIGHT * len(year.items)
    return years


def height(years: list[Year]) -> int:
    """The drawing's height."""
    return sum(YEAR_GAP + ROW_HEIGHT * len(y.items) for y in years) + YEAR_GAP


def milestones() -> list[Milestone]:
    """Every milestone, newest first (the administrators' list)."""
    return list(
        db.session.scalars(
            select(Milestone).order_by(Milestone.happened_on.desc(), Milestone.id.desc())
        )
    )


def save_milestone(milestone: Milestone | None, fields: dict) -> Milestone:
    """Create (`milestone` None) or update a milestone from `fields`."""
    if milestone is None:
        milestone = Milestone()
        db.session.add(milestone)
    for name in MILESTONE_FIELDS:
        setattr(milestone, name, fields.get(name) or ("" if name != "happened_on" else None))
    db.session.flush()
    return milestone


def delete_milestone(milestone: Milestone) -> None:
    """Remove a milestone."""
    db.session.delete(milestone)
    db.session.flush()
