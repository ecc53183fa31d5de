"""Budgets of the administrators' pages: the dashboard, contact messages, the outbox (and
its filters), the signatures to decide, the themes, the people (and one person)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.admin.messages import MESSAGES_PER_PAGE
from portal.admin.outbox import EMAILS_PER_PAGE
from portal.admin.people import PEOPLE_PER_PAGE
from portal.admin.signatures import SIGNATURES_PER_PAGE
from portal.core.db import utcnow
from portal.experiences.models import Theme
from portal.notifications.bounces import record_hard_bounce
from portal.notifications.models import OutboxEmail
from portal.site.models import ContactMessage
from tests import factories
from tests.budgets.helpers import Page, add_rows, more_than_a_page, people, space

STATUSES = ("pending", "sent", "failed", "bounced")


def more_messages(world):
    """Pages of contact messages, from visitors and from members, some handled."""
    senders = people(5)
    add_rows(
        [
            ContactMessage(
                name=f"Sender {n}",
                email=f"sender{n}@example.org",
                topic="other",
                body="Bonjour",
                user_id=senders[n % 5].id if n % 2 else None,
                handled_at=utcnow() if n % 3 == 0 else None,
            )
            for n in range(more_than_a_page(MESSAGES_PER_PAGE))
        ]
    )


def more_emails(world):
    """Pages of outbox emails of every status to different members, and bouncing addresses."""
    recipients = people(10)
    add_rows(
        [
            OutboxEmail(
                dedupe_key=f"budget:{n}:{factories.next_number()}",
                user_id=recipients[n % 10].id,
                recipient=recipients[n % 10].email,
                template="accounts/reset",
                locale="en",
                subject=f"Hello {n}",
                body_text="x",
                body_html="<p>x</p>",
                status=STATUSES[n % 4],
                last_error="550 no such user" if n % 4 == 3 else None,
                created_at=utcnow() - timedelta(minutes=n),
            )
            for n in range(more_than_a_page(EMAILS_PER_PAGE))
        ]
    )
    with factories.context():
        from portal.core.extensions import db

        for person in recipients[:5]:
            record_hard_bounce(person.email, "550 5.1.1 No such user", utcnow())
        db.session.commit()


def more_signatures(world):
    """Pages of pending signatures: organisations' by different people, for two versions,
    every third one a co-signature of an organisation someone else signed."""
    for n in range(more_than_a_page(SIGNATURES_PER_PAGE)):
        organisation = factories.organisation()
        if n % 3 == 0:
            factories.signature(
                signer=factories.user(), organisation=organisation, version=1 + n % 2
            )
        factories.signature(
            signer=factories.user(),
            organisation=organisation,
            status="pending",
            version=1 + n % 2,
        )


def more_themes(world):
    """Many themes, some retired."""
    add_rows(
        [
            Theme(
                key=f"theme_{n}_{factories.next_number()}",
                label_fr=f"Thème {n}",
                label_en=f"Theme {n}",
                position=100 + n,
                is_active=n % 4 != 0,
            )
            for n in range(30)
        ]
    )


def more_people(world):
    """Pages of people, each with an organisation, in spaces as members and facilitators,
    with logins; some administrators, some with two-factor login."""
    from portal.accounts.logins import hash_token
    from portal.accounts.models import LoginSession
    from portal.spaces.models import Membership

    crowd = people(more_than_a_page(PEOPLE_PER_PAGE)) + people(5, role="admin")
    cohort, community = space(world.args["slug"]), space(world.args["community_slug"])
    add_rows(
        [
            Membership(space_id=target.id, user_id=person.id, role=role)
            for n, person in enumerate(crowd)
            for target, role in ((cohort, "member"), (community, "facilitator"))
            if n % 3 or target is cohort
        ]
        + [
            LoginSession(
                user_id=person.id,
                token_hash=hash_token(f"budget-{person.id}-{n}"),
                created_at=utcnow() - timedelta(days=n),
            )
            for person in crowd
            for n in range(2)
        ]
    )
    for person in crowd[::10]:
        factories.two_factor(person)


def more_spaces_of_the_person(world):
    """The person (World.args user_id) in many more spaces, with many logins."""
    from portal.accounts.models import User

    with factories.context():
        from portal.core.extensions import db

        person = db.session.get(User, world.args["user_id"])
        db.session.expunge(person)
    for n in range(20):
        factories.membership(factories.space(), person, role="facilitator" if n % 2 else "member")
    for _ in range(10):
        factories.login_record(person)


def everything(world):
    """More of all the dashboard counts."""
    more_messages(world)
    more_emails(world)
    more_signatures(world)


PAGES = {
    "admin.index": Page("A", "/admin/", everything, 7),
    "admin.messages": Page("A", "/admin/messages", more_messages, 5),
    "admin.outbox": Page("A", "/admin/outbox", more_emails, 6),
    "admin.outbox (failed)": Page("A", "/admin/outbox?status=failed", more_emails, 6),
    "admin.outbox (search)": Page("A", "/admin/outbox?q=example", more_emails, 6),
    "admin.people": Page("A", "/admin/people", more_people, 5),
    "admin.people (facilitators)": Page("A", "/admin/people?show=facilitators", more_people, 5),
    "admin.people (search)": Page("A", "/admin/people?q=example&show=two-factor", more_people, 5),
    "admin.person": Page("A", "/admin/people/{user_id}", more_spaces_of_the_person, 6),
    # +1: who already signed each co-signature's organisation (one query for the page).
    "admin.signatures": Page("A", "/admin/signatures", more_signatures, 5),
    "admin.themes_list": Page("A", "/admin/themes", more_themes, 3),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
