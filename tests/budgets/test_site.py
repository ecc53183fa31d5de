"""Budgets of the home page: the visitor's counts the whole alliance, the signed-in
person's shows what comes next for them (portal.site.home)."""

from __future__ import annotations

import pytest

from tests import factories
from tests.budgets.helpers import Page, add_rows, meetings, members, space


def a_bigger_alliance(world):
    """More allies (signed in several ways), spaces and members: the figures grow, the
    queries do not."""
    for n in range(30):
        factories.ally(signer=factories.user() if n % 2 else None, version=1 + n % 2)
        factories.signature(signer=factories.user())
        factories.space(kind="community" if n % 2 else "cohort")
    members(space(world.args["community_slug"]), 20)


def a_busier_person(world):
    """Many spaces of the member's and the administrator's (who facilitates them), each with
    sessions to come and past ones without attendance, posts, materials; invitations to both;
    experiences near and far; organisation signatures to review."""
    from portal.spaces.models import Membership

    member, admin = world.person("m"), world.person("A")
    a_bigger_alliance(world)
    for n in range(12):
        joined = factories.space(kind="community" if n % 2 else "cohort")
        add_rows(
            [
                Membership(space_id=joined.id, user_id=member.id, role="member"),
                Membership(space_id=joined.id, user_id=admin.id, role="facilitator"),
            ]
        )
        for meeting in meetings(joined, 2, registrants=1):
            factories.registration(meeting, member, status="waitlisted" if n % 2 else "confirmed")
        meetings(joined, 2, registrants=2, starts_in_days=-3)
        for opened in [factories.thread(joined)] * 2:
            factories.post(opened, factories.user())
        factories.material(joined)
        for person in (member, admin):
            factories.invitation(factories.space(), person.email)
        # An open call on each of the administrator's cohorts, applications to review, and
        # the member's own applications in every state they may read.
        if not n % 2:
            call = factories.call_for(joined)
            factories.application(call, factories.user())
            factories.application(call, member, state="draft" if n % 4 else "submitted")
    for n in range(3):
        factories.shared_resource(url=f"https://example.org/guide-{n}")  # to moderate
    near = factories.ally(region="bretagne", territory="Rennes")
    for n in range(8):
        factories.experience(near if n % 2 else None, region="bretagne" if n % 3 else "occitanie")
        factories.signature(
            signer=factories.user(), organisation=factories.organisation(), status="pending"
        )


def something_to_list(world):
    """One of each list for the small measure: an experience of another organisation (the
    world's is the member's organisation's) and, for the administrator, a session to come
    (a place in the world's cohort)."""
    factories.experience()
    factories.membership(space(world.args["slug"]), world.person("A"))


PAGES = {
    "site.home (anonymous)": Page("a", "/", a_bigger_alliance, 3),
    "site.home (member)": Page("m", "/", a_busier_person, 16, setup=something_to_list),
    # Beyond the member's: one count per queue (signatures, proposals of dispositifs, shared
    # resources to moderate).
    "site.home (administrator)": Page("A", "/", a_busier_person, 19, setup=something_to_list),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
