"""Budgets of the spaces' list pages: the listing, the administrators' list, a space's
page, its members, facilitators and invitations."""

from __future__ import annotations

import pytest

from portal.core.db import utcnow
from portal.spaces.constants import INVITATIONS_PER_PAGE, MEMBERS_PER_PAGE, SPACES_PER_PAGE
from portal.spaces.models import Invitation, Membership
from tests import factories
from tests.budgets.helpers import (
    Page,
    add_rows,
    materials,
    meetings,
    members,
    more_than_a_page,
    people,
    space,
    threads,
)


def more_spaces(world):
    """Pages of spaces: the member in half of them (some facilitating), a stranger in each,
    pending invitations of the member to cohorts, and archived spaces that never show."""
    member = world.people["member"]
    stranger = factories.user()
    rows = []
    for n in range(more_than_a_page(SPACES_PER_PAGE)):
        made = factories.space(
            kind="community" if n % 2 else "cohort", archived_at=utcnow() if n % 7 == 0 else None
        )
        rows.append(Membership(space_id=made.id, user_id=stranger.id))
        if n % 4 < 2:
            role = "facilitator" if n % 4 == 0 else "member"
            rows.append(Membership(space_id=made.id, user_id=member.id, role=role))
        elif n % 2 == 0:
            rows.append(Invitation(space_id=made.id, email=member.email, invited_by_id=stranger.id))
    add_rows(rows)


def a_joinable_community(world):
    """One community the member is not in, for the "joinable" filter's first item."""
    factories.space(kind="community")


def a_busy_space(world):
    """The cohort fills up: members and facilitators, sessions, materials, threads."""
    cohort = space(world.args["slug"])
    members(cohort, 30, facilitators=3)
    meetings(cohort, 8)
    materials(cohort, 8)
    threads(cohort, 8)


def more_members(world):
    """Pages of members of the cohort, a few facilitating, each from their own organisation."""
    members(space(world.args["slug"]), more_than_a_page(MEMBERS_PER_PAGE), facilitators=5)


def more_invitations(world):
    """Pages of invitations to the cohort, by different people, half of them accepted."""
    cohort = space(world.args["slug"])
    inviters = people(4)
    invited = people(more_than_a_page(INVITATIONS_PER_PAGE) // 2)
    rows = [
        Invitation(
            space_id=cohort.id,
            email=person.email,
            invited_by_id=inviters[n % 4].id,
            status="accepted",
            accepted_by_id=person.id,
            accepted_at=utcnow(),
        )
        for n, person in enumerate(invited)
    ]
    rows += [
        Invitation(space_id=cohort.id, email=f"{n}-{p.email}", invited_by_id=p.id)
        for n, p in enumerate(invited)
    ]
    add_rows(rows)


PAGES = {
    "spaces.list": Page("m", "/spaces", more_spaces, 7),
    "spaces.list (mine)": Page("m", "/spaces?show=mine", more_spaces, 7),
    "spaces.list (joinable)": Page(
        "m", "/spaces?show=joinable", more_spaces, 7, setup=a_joinable_community
    ),
    "spaces.manage": Page("A", "/spaces/manage", more_spaces, 5),
    # Members note their visit on their first view (portal.spaces.visits): warmed up.
    "spaces.show (member)": Page("m", "/spaces/{slug}", a_busy_space, 10, warm_up=True),
    "spaces.show (facilitator)": Page("f", "/spaces/{slug}", a_busy_space, 10, warm_up=True),
    "spaces.show (administrator)": Page("A", "/spaces/{slug}", a_busy_space, 10),
    "spaces.members": Page("m", "/spaces/{slug}/members", more_members, 6),
    "spaces.members (administrator)": Page("A", "/spaces/{slug}/members", more_members, 5),
    "spaces.facilitators": Page("A", "/spaces/{slug}/facilitators", more_members, 4),
    "spaces.invitations_list": Page("f", "/spaces/{slug}/invitations", more_invitations, 7),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
