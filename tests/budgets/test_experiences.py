"""Budgets of the experiences' list pages: the list with each filter and sort, the
member's drafts on it, and an experience's page (attachments, sessions, similar ones)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from portal.core.extensions import db
from portal.experiences.constants import FUNDAMENTALS, PER_PAGE
from portal.experiences.models import HelpfulMark, experience_meetings
from tests import factories
from tests.budgets.helpers import Page, add_rows, meetings, more_than_a_page, space

REGIONS = ("bretagne", "normandie", "occitanie")


def more_experiences(world):
    """Pages of published experiences by different allies and authors, on every fundamental,
    in several regions, half of them public, marked helpful; and drafts of the member."""
    fundamentals = list(FUNDAMENTALS)
    made = [
        factories.experience(
            factories.ally(kind="collectivite" if n % 2 else "association"),
            visibility="public" if n % 2 else "allies",
            fundamentals=(fundamentals[n % 4], fundamentals[(n + 1) % 4]),
            themes=("energy", "food") if n % 3 else ("mobility",),
            region=REGIONS[n % 3],
        )
        for n in range(more_than_a_page(PER_PAGE))
    ]
    mark_helpful(made[::2], world.people["outsider"])
    member = world.people["member"]
    organisation = factories.organisation(name=f"Member's own {factories.next_number()}")
    for _ in range(3):
        factories.experience(organisation, author=member, status="draft")


def a_public_experience_and_a_draft(world):
    """A public experience (the first visitors see) and a draft of the member (listed
    above the others for their writer): both lists have an item."""
    factories.experience(visibility="public", fundamentals=("engagement",), region="bretagne")
    member = world.people["member"]
    factories.experience(
        factories.organisation(), author=member, status="draft", themes=("energy",)
    )


def mark_helpful(experiences, *users) -> None:
    """Each of `users` marks each of `experiences` helpful."""
    add_rows([HelpfulMark(experience_id=e.id, user_id=u.id) for e in experiences for u in users])


def enrich(world, count: int) -> None:
    """The world's experience gets `count` attachments, sessions and similar experiences
    (marked helpful by two people)."""
    experience_id = world.args["experience_id"]
    for n in range(count):
        factories.material(
            None, url=f"https://example.org/a/{n}", visibility="allies", experience_id=experience_id
        )
    sessions = meetings(space(world.args["slug"]), count, registrants=0)
    with factories.context():
        db.session.execute(
            insert(experience_meetings),
            [{"experience_id": experience_id, "meeting_id": m.id} for m in sessions],
        )
        db.session.commit()
    similar = [factories.experience() for _ in range(count)]
    mark_helpful(similar, world.people["outsider"], world.people["facilitator"])


def one_of_each(world):
    """An attachment, a session and a similar experience: the page's lists are not empty."""
    enrich(world, 1)


def a_rich_experience(world):
    """Many attachments, sessions (in several spaces) and similar experiences."""
    enrich(world, 8)
    sessions = meetings(space(world.args["community_slug"]), 4, registrants=0)
    with factories.context():
        db.session.execute(
            insert(experience_meetings),
            [{"experience_id": world.args["experience_id"], "meeting_id": m.id} for m in sessions],
        )
        db.session.commit()


def listing(persona: str, query: str = "", budget: int = 11) -> Page:
    """/experiences as `persona` sees it, with the filters of `query`."""
    return Page(
        persona,
        f"/experiences{query}",
        more_experiences,
        budget,
        setup=a_public_experience_and_a_draft,
    )


PAGES = {
    "experiences.index (anonymous)": listing("a", budget=6),
    "experiences.index (member)": listing("m"),
    "experiences.index (outsider)": listing("o", budget=9),
    "experiences.index (fundamental)": listing("m", "?fundamental=engagement"),
    "experiences.index (theme)": listing("m", "?theme=energy"),
    "experiences.index (region)": listing("m", "?region=bretagne"),
    "experiences.index (kind)": listing("m", "?kind=association"),
    "experiences.index (most helpful)": listing("m", "?sort=helpful"),
    "experiences.show": Page(
        "o", "/experiences/{experience_id}", a_rich_experience, 14, setup=one_of_each
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
