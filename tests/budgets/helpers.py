"""The list pages under budget, and builders that grow their data past a page.

A `Page` names who looks (a persona code of tests/security/world.py), the URL (its
`{arguments}` filled from World.args), how to grow the data, and the statement budget.
The builders add rows with the related objects a page shows (a different author,
organisation or space for each), so that a relationship loaded per row shows as a
count that grows, or as a lazy load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests import factories


@dataclass(frozen=True)
class Page:
    """One list page under budget."""

    persona: str
    url: str
    grow: Callable[[object], object]
    budget: int
    #: For the pages that may write on a GET (routes.GET_WRITES): see query_budget.measure.
    warm_up: bool = False
    #: Adds what the small measure needs beyond the world, so that it lists one item
    #: (an empty list skips the queries of its items and would hide their cost).
    setup: Callable[[object], object] | None = None


def more_than_a_page(per_page: int) -> int:
    """How many rows make a large list: three pages' worth."""
    return 3 * per_page


def add_rows(rows: list) -> None:
    """Insert model objects in one commit (when the services' side effects do not matter)."""
    from portal.core.extensions import db

    with factories.context():
        db.session.add_all(rows)
        db.session.commit()


def people(count: int, **fields) -> list:
    """`count` new users, each with their own organisation unless one is given."""
    made = []
    for _ in range(count):
        if "organisation_id" not in fields:
            made.append(factories.user(organisation_id=factories.organisation().id, **fields))
        else:
            made.append(factories.user(**fields))
    return made


def space(slug: str):
    """The space of `slug`, detached (World.args only holds slugs)."""
    from sqlalchemy import select

    from portal.core.extensions import db
    from portal.spaces.models import Space

    with factories.context():
        found = db.session.scalar(select(Space).where(Space.slug == slug))
        db.session.expunge(found)
        return found


def members(target, count: int, *, facilitators: int = 0) -> list:
    """`count` new people in the space `target`, the first `facilitators` of them facilitating."""
    from portal.spaces.models import Membership

    joined = people(count)
    add_rows(
        [
            Membership(
                space_id=target.id,
                user_id=person.id,
                role="facilitator" if n < facilitators else "member",
            )
            for n, person in enumerate(joined)
        ]
    )
    return joined


def meetings(target, count: int, *, registrants: int = 2, **fields) -> list:
    """`count` sessions of `target`, a day apart, each with `registrants` new people registered."""
    from portal.meetings.models import Registration

    made = [
        factories.meeting(target, starts_in_days=fields.pop("starts_in_days", 1) + n, **fields)
        for n in range(count)
    ]
    add_rows(
        [
            Registration(meeting_id=meeting.id, user_id=person.id, status="confirmed")
            for meeting in made
            for person in members(target, registrants)
        ]
    )
    return made


def materials(target, count: int, *, visibility: str = "space", **fields) -> list:
    """`count` materials in `target` (None: the alliance library), each by a new person,
    files and links in turn, on the themes in turn."""
    from portal.materials.constants import THEMES

    themes = list(THEMES)
    return [
        factories.material(
            target,
            url=f"https://example.org/doc/{n}" if n % 2 else None,
            visibility=visibility,
            theme=fields.pop("theme", themes[n % len(themes)]),
            **fields,
        )
        for n in range(count)
    ]


def threads(target, count: int, *, replies: int = 1) -> list:
    """`count` threads in `target`, each opened by a new member, with `replies` by others."""
    made = []
    for _ in range(count):
        opened = factories.thread(target)
        for author in members(target, replies):
            factories.post(opened, author)
        made.append(opened)
    return made
