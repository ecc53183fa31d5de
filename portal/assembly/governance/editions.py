"""Editions of the assembly: creating and editing them, and where each phase stands."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import select

from portal.assembly.constants import ASSEMBLY_ZONE, PHASES, Phase
from portal.assembly.loading import edition_by_year
from portal.assembly.models import AssemblyEdition
from portal.core.extensions import db
from portal.spaces.models import SpaceKind
from portal.spaces.services import create_space


class EditionError(ValueError):
    """An edition that breaks a rule (its year is taken); the message is for people."""


@dataclass
class EditionDetails:
    """What an admin enters for an edition (moments in UTC)."""

    year: int
    title: str
    description: str = ""
    place: str = ""
    visio_url: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    consultation_opens_at: datetime | None = None
    consultation_closes_at: datetime | None = None
    evaluation_opens_at: datetime | None = None
    evaluation_closes_at: datetime | None = None
    vote_opens_at: datetime | None = None
    vote_closes_at: datetime | None = None
    results_at: datetime | None = None


@dataclass(frozen=True)
class PhaseState:
    """One phase of an edition as a reader sees it."""

    phase: str
    label: str
    opens_at: datetime | None
    closes_at: datetime | None
    #: "open", "upcoming", "closed" or "unscheduled".
    state: str


def all_editions() -> list[AssemblyEdition]:
    """Every edition, the latest first."""
    return list(db.session.scalars(select(AssemblyEdition).order_by(AssemblyEdition.year.desc())))


def phase_states(edition: AssemblyEdition, now: datetime) -> list[PhaseState]:
    """Each phase of `edition` with its dates and whether it is open, to come or closed."""
    states = []
    for phase, label in PHASES.items():
        opens_at, closes_at = edition.window(phase)
        if opens_at is None:
            state = "unscheduled"
        elif edition.is_open(phase, now):
            state = "open"
        elif now < opens_at:
            state = "upcoming"
        else:
            state = "closed"
        states.append(PhaseState(phase, str(label), opens_at, closes_at, state))
    return states


def is_past(edition: AssemblyEdition, now: datetime) -> bool:
    """Whether the edition is over: its results are out (or its days are past)."""
    if edition.is_open(Phase.RESULTS.value, now):
        return True
    return edition.ends_at is not None and edition.ends_at < now


def _apply(edition: AssemblyEdition, details: EditionDetails) -> None:
    """Copy `details` onto `edition`, refusing a year another edition has."""
    other = edition_by_year(details.year)
    if other is not None and other is not edition:
        raise EditionError("year")
    for item in fields(details):
        setattr(edition, item.name, getattr(details, item.name))


def _with_space(edition: AssemblyEdition, creator) -> None:
    """Give `edition` its community space (the programme), named after it."""
    edition.space = create_space(
        creator,
        title=edition.title,
        kind=SpaceKind.COMMUNITY.value,
        description=edition.description,
        timezone=ASSEMBLY_ZONE,
        starts_on=None,
        ends_on=None,
        cover_colour=None,
    )


def create_edition(details: EditionDetails, creator, *, with_space: bool = False):
    """A new edition; with `with_space`, its community space (the programme) as well."""
    edition = AssemblyEdition()
    _apply(edition, details)
    if with_space:
        _with_space(edition, creator)
    db.session.add(edition)
    db.session.flush()
    return edition


def update_edition(
    edition: AssemblyEdition, details: EditionDetails, creator=None, *, with_space: bool = False
) -> None:
    """Save an edition's new details; with `with_space`, create its space if it has none."""
    _apply(edition, details)
    if with_space and edition.space_id is None:
        _with_space(edition, creator)
    db.session.flush()
