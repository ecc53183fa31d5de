"""Budgets of the administrators' pages: the dashboard, contact messages, the outbox (and
its filters), the signatures to decide, the themes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.admin.messages import MESSAGES_PER_PAGE
from portal.admin.outbox import EMAILS_PER_PAGE
from portal.admin.signatures import SIGNATURES_PER_PAGE
from portal.core.db import utcnow
from portal.experiences.models import Theme
from portal.notifications.bounces import record_hard_bounce
from portal.notifications.models import OutboxEmail
from portal.site.models import ContactMessage
from tests import factories
from tests.budgets.helpers import Page, add_rows, more_than_a_page, people

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
    """Pages of pending signatures: organisations' by different people, for two versions."""
    for n in range(more_than_a_page(SIGNATURES_PER_PAGE)):
        factories.signature(
            signer=factories.user(),
            organisation=factories.organisation(),
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
    "admin.signatures": Page("A", "/admin/signatures", more_signatures, 4),
    "admin.themes_list": Page("A", "/admin/themes", more_themes, 3),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
