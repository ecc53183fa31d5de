"""Dispositifs: their status, the filtered catalogue, editing, editions and facilitators.

A status is computed, never stored: "open for applications" when one of the programme's
edition spaces has a call open now (asked of the calls package in one call for a whole
page), else from the programme's dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import selectinload

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.programmes.calls.queries import open_calls_of_spaces
from portal.programmes.constants import (
    EVENT_SERIES,
    FINISHED,
    LEARNING_COMMUNITY,
    OPEN,
    RUNNING,
    SLUG_MAX,
    SUBMITTED,
    UPCOMING,
)
from portal.programmes.editing import (  # noqa: F401 - the domain's rules, in one place
    FACILITATOR_FIELDS,
    PROGRAMME_FIELDS,
    ProgrammeRuleError,
    add_edition,
    create_programme,
    free_spaces,
    remove_edition,
    unique_slug,
    update_programme,
)
from portal.programmes.models import Programme, ProgrammeEdition, ProgrammeProposal
from portal.spaces.models import Membership, SpaceRole

#: The alliance's dates are French dates: "today" is today in Paris.
ZONE = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class ProgrammeFilters:
    """The /dispositifs filters; None means "any"."""

    kind: str | None = None
    status: str | None = None
    audience: str | None = None
    region: str | None = None


@dataclass
class Card:
    """A programme as a list shows it: its status and what a visitor can do now."""

    programme: Programme
    status: str
    #: "apply", "join", "register" or "read".
    action: str
    #: The edition whose space the action leads to, if any.
    edition: ProgrammeEdition | None = None
    #: Edition space id -> the id of its call open now.
    open_calls: dict[int, int] = field(default_factory=dict)

    @property
    def call_id(self) -> int | None:
        """The open call an "apply" action leads to."""
        return self.open_calls.get(self.edition.space_id) if self.edition else None


def today(now: datetime | None = None) -> date:
    """The date in Paris at `now`."""
    return (now or utcnow()).astimezone(ZONE).date()


# --- status --------------------------------------------------------------------------


def date_status(programme: Programme, day: date) -> str:
    """Upcoming, running or finished, from the programme's dates alone."""
    if programme.starts_on and day < programme.starts_on:
        return UPCOMING
    if programme.ends_on and day > programme.ends_on:
        return FINISHED
    return RUNNING


def open_spaces(programmes: list[Programme], now: datetime) -> dict[int, int]:
    """Edition spaces of `programmes` with a call open at `now`, each with that call's id
    (one query for them all)."""
    space_ids = {e.space_id for p in programmes for e in p.editions}
    return open_calls_of_spaces(space_ids, now) if space_ids else {}


def _action(programme: Programme, status: str, open_ids: dict[int, int]) -> Card:
    """What a visitor can do now with `programme`: apply, join, register or read."""
    if status == OPEN:
        edition = next(e for e in programme.editions if e.space_id in open_ids)
        return Card(programme, status, "apply", edition, open_ids)
    if programme.kind == LEARNING_COMMUNITY and status != FINISHED:
        edition = next(
            (e for e in programme.editions if e.space.is_community and not e.space.is_archived),
            None,
        )
        if edition is not None:
            return Card(programme, status, "join", edition, open_ids)
    if programme.kind == EVENT_SERIES and status != FINISHED:
        # Its sessions are those of the space running it, when there is one.
        edition = next((e for e in programme.editions if not e.space.is_archived), None)
        return Card(programme, status, "register", edition, open_ids)
    return Card(programme, status, "read", None, open_ids)


def cards(programmes: list[Programme], now: datetime | None = None) -> list[Card]:
    """Status and action of each of `programmes` (editions loaded), with one call for calls."""
    now = now or utcnow()
    open_ids = open_spaces(programmes, now)
    day = today(now)
    made = []
    for programme in programmes:
        if any(e.space_id in open_ids for e in programme.editions):
            status = OPEN
        else:
            status = date_status(programme, day)
        made.append(_action(programme, status, open_ids))
    return made


def card(programme: Programme, now: datetime | None = None) -> Card:
    """Status and action of one programme."""
    return cards([programme], now)[0]


# --- the catalogue -------------------------------------------------------------------


def _contains(column, key: str):
    """SQL: the JSON list `column` holds `key`. Keys are [a-z-] only, so the quoted key
    matches one whole item; the text form of a JSON list is the same on SQLite and PostgreSQL."""
    return cast(column, String).like(f'%"{key}"%')


def _open_programme_ids(now: datetime):
    """Ids of the programmes with a call open now (for the status filter)."""
    rows = db.session.execute(
        select(ProgrammeEdition.programme_id, ProgrammeEdition.space_id)
    ).all()
    open_ids = open_calls_of_spaces({space_id for _p, space_id in rows}, now) if rows else {}
    return {programme_id for programme_id, space_id in rows if space_id in open_ids}


def _status_condition(status: str, now: datetime):
    """SQL: programmes of `status` (an open call wins over the dates)."""
    day = today(now)
    opened = _open_programme_ids(now)
    if status == OPEN:
        return Programme.id.in_(opened)
    not_open = Programme.id.not_in(opened) if opened else True
    if status == UPCOMING:
        dated = Programme.starts_on.is_not(None) & (Programme.starts_on > day)
    elif status == FINISHED:
        dated = (
            (Programme.starts_on.is_(None) | (Programme.starts_on <= day))
            & Programme.ends_on.is_not(None)
            & (Programme.ends_on < day)
        )
    else:
        dated = (Programme.starts_on.is_(None) | (Programme.starts_on <= day)) & (
            Programme.ends_on.is_(None) | (Programme.ends_on >= day)
        )
    return dated & not_open


def list_query(filters: ProgrammeFilters, now: datetime | None = None):
    """Programmes matching `filters`, newest start first, with their editions' spaces."""
    query = select(Programme)
    if filters.kind:
        query = query.where(Programme.kind == filters.kind)
    if filters.audience:
        query = query.where(_contains(Programme.audience_kinds, filters.audience))
    if filters.region:
        # A programme without regions runs nationwide: it is in every region.
        query = query.where(
            _contains(Programme.regions, filters.region) | (cast(Programme.regions, String) == "[]")
        )
    if filters.status:
        query = query.where(_status_condition(filters.status, now or utcnow()))
    return query.options(
        selectinload(Programme.editions).joinedload(ProgrammeEdition.space)
    ).order_by(Programme.starts_on.desc().nulls_last(), Programme.title, Programme.id)


def load_programme(slug: str) -> Programme | None:
    """The programme of `slug` with its editions' spaces."""
    if not slug or len(slug) > SLUG_MAX:
        return None
    return db.session.scalar(
        select(Programme)
        .where(Programme.slug == slug)
        .options(selectinload(Programme.editions).joinedload(ProgrammeEdition.space))
    )


def facilitators(programme: Programme) -> list:
    """The facilitators of the programme's edition spaces, each once, by name (one query)."""
    from portal.accounts.models import User

    space_ids = [e.space_id for e in programme.editions]
    if not space_ids:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.id.in_(
                    select(Membership.user_id).where(
                        Membership.space_id.in_(space_ids),
                        Membership.role == SpaceRole.FACILITATOR.value,
                    )
                ),
                User.deleted_at.is_(None),
            )
            .order_by(User.display_name, User.id)
        )
    )


def proposals_awaiting_review_count() -> int:
    """How many proposals wait for an administrator (not those waiting for the proposer)."""
    return db.session.scalar(
        select(func.count(ProgrammeProposal.id)).where(ProgrammeProposal.state == SUBMITTED)
    )
