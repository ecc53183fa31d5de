"""Budgets of the account pages that list: open logins, notification preferences."""

from __future__ import annotations

import pytest

from tests import factories
from tests.budgets.helpers import Page, add_rows, people, space


def more_logins(world):
    """The member is signed in on many devices; other people's logins never count."""
    member = world.people["member"]
    for n in range(30):
        factories.login_record(member, remember=n % 2 == 0, user_agent=f"Browser/{n}")
    for person in people(5):
        factories.login_record(person)


def more_spaces_and_mail(world):
    """The member is in many spaces (digests per space) and has received much mail."""
    from portal.spaces.models import Membership

    member = world.people["member"]
    add_rows(
        [
            Membership(space_id=factories.space(kind="community").id, user_id=member.id)
            for _ in range(30)
        ]
    )
    factories.thread(space(world.args["community_slug"]), author=member)


PAGES = {
    "accounts.logins": Page("m", "/account/logins", more_logins, 3),
    "accounts.profile": Page("m", "/account/", more_spaces_and_mail, 5),
    "notifications.preferences": Page("m", "/account/notifications", more_spaces_and_mail, 3),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
