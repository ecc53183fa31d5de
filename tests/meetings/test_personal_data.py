"""Registrations in the personal data export, and what account deletion does to them."""

from __future__ import annotations

import json

from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.personal import delete_account
from portal.core.extensions import db
from portal.meetings.models import Registration
from tests import factories


def test_the_export_lists_your_registrations(member_client, cohort, people):
    meeting = factories.meeting(cohort, title="Atelier exporté")
    factories.registration(meeting, people["member"], status="waitlisted")
    other = factories.meeting(cohort, title="Pas à moi")
    factories.registration(other, people["facilitator"])
    sections = json.loads(member_client.get("/account/export").get_data(as_text=True))["sections"]
    [entry] = sections["registrations"]
    assert entry["session"] == "Atelier exporté" and entry["status"] == "waitlisted"
    assert entry["space"] == "Cohorte test"
    assert set(entry) >= {"starts_at", "registered_at", "promoted_at", "attended"}


def test_deleting_an_account_frees_its_seats_for_the_waitlist(app, cohort, outbox):
    leaving, waiting = factories.user(), factories.user(email="next@example.org")
    upcoming = factories.meeting(cohort, capacity=1)
    past = factories.meeting(cohort, starts_in_days=-5)
    factories.register(upcoming, leaving)
    factories.register(upcoming, waiting)
    factories.registration(past, leaving, attended=True)
    with app.app_context():
        delete_account(db.session.get(User, leaving.id))
        db.session.commit()
        rows = {
            (r.meeting_id, r.user_id): r.status for r in db.session.scalars(select(Registration))
        }
    assert rows[(upcoming.id, leaving.id)] == "cancelled"
    assert rows[(upcoming.id, waiting.id)] == "confirmed"
    # Past sessions keep the seat (anonymised) so attendance figures do not change.
    assert rows[(past.id, leaving.id)] == "confirmed"
    assert [n["recipient"] for n in outbox(template="meetings/promoted")] == ["next@example.org"]
