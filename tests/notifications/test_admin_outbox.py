"""The administrators' outbox page: counts, filters, search, retry, bounced addresses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.bounces import record_hard_bounce
from portal.notifications.models import MailBounce, OutboxEmail, OutboxStatus
from tests import factories
from tests.helpers import csrf_token, post_form

PAGE = "/admin/outbox"


def row(recipient="ally@example.org", status=OutboxStatus.PENDING, minutes_ago=0, **fields):
    """An outbox row written directly (rendering is not what this page is about)."""
    with factories.context():
        return factories.save(
            OutboxEmail(
                dedupe_key=f"t:{recipient}:{status}:{minutes_ago}:{fields.get('subject', '')}",
                recipient=recipient,
                template="notifications/test",
                locale="en",
                subject=fields.pop("subject", "Hello"),
                body_text="x",
                body_html="<p>x</p>",
                status=status.value,
                created_at=utcnow() - timedelta(minutes=minutes_ago),
                **fields,
            )
        )


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", PAGE), ("POST", f"{PAGE}/1/retry"), ("POST", f"{PAGE}/bounces/1/reset")],
)
def test_visitors_log_in_and_members_are_refused(client, login, method, path):
    data = {} if method == "GET" else {"csrf_token": csrf_token(client)}
    response = client.open(path, method=method, data=data)
    assert response.status_code == 302 and "/auth/login" in response.location
    login(client, factories.user())
    data = {} if method == "GET" else {"csrf_token": csrf_token(client)}
    assert client.open(path, method=method, data=data).status_code == 403


def test_counts_per_status_and_the_newest_first(client, login_as):
    login_as("admin")
    row("a@example.org", OutboxStatus.PENDING, minutes_ago=5)
    row("b@example.org", OutboxStatus.SENDING, minutes_ago=4)
    row("c@example.org", OutboxStatus.SENT, minutes_ago=3)
    row("d@example.org", OutboxStatus.FAILED, minutes_ago=2, last_error="450 busy")
    row("e@example.org", OutboxStatus.BOUNCED, minutes_ago=1, last_error="550 no such user")
    row("f@example.org", OutboxStatus.CANCELLED, minutes_ago=0)
    page = client.get(PAGE).get_data(as_text=True)
    for label in ("Queued (2)", "Sent (1)", "Failed (1)", "Bounced (1)", "Cancelled (1)"):
        assert label in page
    order = [page.index(f"{letter}@example.org") for letter in "fedcba"]
    assert order == sorted(order)
    assert "550 no such user" in page


def test_filter_by_status_and_search_by_address(client, login_as):
    login_as("admin")
    row("camille@example.org", OutboxStatus.FAILED)
    row("CAMILLE.roux@example.org", OutboxStatus.SENT)
    row("karim@example.org", OutboxStatus.FAILED)
    page = client.get(PAGE, query_string={"status": "failed"}).get_data(as_text=True)
    assert "camille@example.org" in page and "karim@example.org" in page
    assert "CAMILLE.roux" not in page
    page = client.get(PAGE, query_string={"q": "camille"}).get_data(as_text=True)
    assert "camille@example.org" in page and "CAMILLE.roux@example.org" in page
    assert "karim@" not in page
    page = client.get(PAGE, query_string={"q": "%"}).get_data(as_text=True)
    assert "No email to show." in page  # LIKE wildcards are plain characters


@pytest.mark.parametrize(
    "query",
    [{"status": "nope"}, {"page": "abc"}, {"page": "99"}, {"q": "x" * 5000}, {"q": "\x00"}],
)
def test_odd_queries_never_crash(client, login_as, query):
    login_as("admin")
    assert client.get(PAGE, query_string=query).status_code in (200, 400, 404)


def test_the_list_is_paginated_by_fifty(client, login_as):
    login_as("admin")
    for n in range(51):
        row(f"m{n}@example.org", minutes_ago=n)
    first = client.get(PAGE).get_data(as_text=True)
    assert "m0@example.org" in first and "m50@example.org" not in first
    assert "Pages of the outbox" in first and "Next page" in first
    second = client.get(PAGE, query_string={"page": 2}).get_data(as_text=True)
    assert "m50@example.org" in second


def test_query_count_does_not_grow_with_the_list(client, login_as, count_queries):
    login_as("admin")
    row("first@example.org", OutboxStatus.FAILED)
    with count_queries() as few:
        client.get(PAGE)
    for n in range(30):
        row(f"x{n}@example.org", OutboxStatus.BOUNCED, last_error="550")
    with factories.context():
        for n in range(10):
            record_hard_bounce(f"x{n}@example.org", "550", utcnow())
        db.session.commit()
    with count_queries() as many:
        client.get(PAGE)
    assert len(many) == len(few)


def test_retry_queues_a_failed_or_bounced_email_again(app, client, login_as):
    login_as("admin")
    failed = row("d@example.org", OutboxStatus.FAILED, attempts=7, last_error="450 busy")
    sent = row("s@example.org", OutboxStatus.SENT)
    response = post_form(client, f"{PAGE}/{failed.id}/retry", {"status": "failed", "q": "d@"})
    assert response.status_code == 302
    assert response.location == f"{PAGE}?status=failed&q=d@"
    with app.app_context():
        again = db.session.get(OutboxEmail, failed.id)
        assert (again.status, again.attempts) == ("pending", 0)
        assert again.next_attempt_at <= utcnow()
    post_form(client, f"{PAGE}/{sent.id}/retry")
    with app.app_context():
        assert db.session.get(OutboxEmail, sent.id).status == "sent"
    assert post_form(client, f"{PAGE}/999999/retry").status_code == 404


def test_a_bounced_address_is_listed_and_can_be_reset(app, client, login_as):
    login_as("admin")
    with app.app_context():
        for _ in range(3):
            record_hard_bounce("gone@example.org", "550 5.1.1 No such user", utcnow())
        db.session.commit()
        bounce_id = db.session.scalar(select(MailBounce.id))
    page = client.get(PAGE).get_data(as_text=True)
    assert "gone@example.org" in page and "550 5.1.1 No such user" in page
    assert post_form(client, f"{PAGE}/bounces/{bounce_id}/reset").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(MailBounce)) is None
    assert "No address bounces." in client.get(PAGE).get_data(as_text=True)


def test_the_dashboard_links_to_the_outbox(client, login_as):
    login_as("admin")
    page = client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/outbox"' in page
    assert 'href="/admin/outbox?status=failed"' in page
