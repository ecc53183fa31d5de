"""Allies are told once by email when a phase they can take part in opens."""

from __future__ import annotations

from datetime import timedelta

from portal.assembly.governance.emails import PHASE_HORIZON, schedule_phase_emails
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.schedulers import _registry
from tests import factories


def run(app, now=None) -> int:
    with app.app_context():
        written = schedule_phase_emails(now or utcnow())
        db.session.commit()
        return written


def phase_emails(outbox):
    return [row for row in outbox() if row["dedupe_key"].startswith("assembly-phase:")]


def test_every_ally_is_told_once_when_the_consultation_opens(app, outbox):
    edition = factories.assembly_edition(phase="consultation")
    ally = factories.user()
    factories.signature(signer=ally)
    for_organisation = factories.user()
    factories.ally(signer=for_organisation)
    assert run(app) == 2
    assert run(app) == 0  # twice is harmless
    rows = phase_emails(outbox)
    assert sorted(row["dedupe_key"] for row in rows) == sorted(
        f"assembly-phase:{edition.id}:consultation:{person.id}"
        for person in (ally, for_organisation)
    )
    assert {row["category"] for row in rows} == {"assembly"}
    assert all("List-Unsubscribe" in (row.get("headers") or {}) for row in rows)


def test_people_who_are_not_allies_are_not_told(app, outbox):
    factories.assembly_edition(phase="vote")
    factories.user()  # no signature
    pending = factories.user()
    factories.signature(signer=pending, organisation=factories.organisation(), status="pending")
    unconfirmed = factories.user(confirmed=False)
    factories.signature(signer=unconfirmed)
    gone = factories.user(deleted_at=utcnow())
    factories.signature(signer=gone)
    assert run(app) == 0
    assert phase_emails(outbox) == []


def test_an_ally_who_unsubscribed_is_skipped(app, outbox):
    factories.assembly_edition(phase="evaluation")
    quiet = factories.user(notification_preferences={"assembly": False})
    factories.signature(signer=quiet)
    assert run(app) == 0


def test_the_email_is_in_the_allys_language(app, outbox):
    factories.assembly_edition(2031, phase="vote")
    ally = factories.user(locale="fr")
    factories.signature(signer=ally)
    run(app)
    [row] = phase_emails(outbox)
    assert "2031" in row["subject"] and row["locale"] == "fr"
    assert "/assemblee/2031" in row["body_text"]
    assert "/assemblee/2031" in row["body_html"]


def test_a_phase_opened_long_ago_sends_nothing(app, outbox):
    factories.assembly_edition(phase="consultation")
    ally = factories.user()
    factories.signature(signer=ally)
    assert run(app, utcnow() + PHASE_HORIZON + timedelta(days=1)) == 0


def test_a_phase_to_come_sends_nothing_yet_then_when_it_opens(app, outbox):
    edition = factories.assembly_edition(phase="consultation")
    ally = factories.user()
    factories.signature(signer=ally)
    run(app)
    assert run(app, edition.evaluation_opens_at + timedelta(minutes=5)) == 1
    keys = {row["dedupe_key"] for row in phase_emails(outbox)}
    assert f"assembly-phase:{edition.id}:evaluation:{ally.id}" in keys


def test_the_recipients_are_read_in_batches(app, count_queries):
    factories.assembly_edition(phase="results")
    for _ in range(3):
        factories.signature(signer=factories.user())
    run(app)  # written once
    with app.app_context(), count_queries() as statements:
        schedule_phase_emails(utcnow())
    assert len(statements) <= 4  # editions, allies, written keys: not one per ally


def test_the_scheduler_is_registered_with_the_email_engine(app):
    assert "assembly-phases" in _registry()


def test_the_one_click_unsubscribe_stops_the_next_phase_emails(app, client, outbox):
    edition = factories.assembly_edition(phase="consultation")
    ally = factories.user()
    factories.signature(signer=ally)
    run(app)
    [row] = phase_emails(outbox)
    link = row["headers"]["List-Unsubscribe"].strip("<>").replace("http://localhost", "")
    assert client.post(link).status_code in (200, 204, 302)
    assert run(app, edition.evaluation_opens_at + timedelta(minutes=5)) == 0
