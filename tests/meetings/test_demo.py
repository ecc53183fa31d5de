"""The demo programme of the cohort "Territoires pilotes 2027"."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.meetings.demo import seed_meetings_demo
from portal.meetings.models import Meeting, Registration
from tests import factories


def test_without_the_cohort_the_demo_adds_nothing(app):
    with app.app_context():
        assert seed_meetings_demo() == 0


def test_the_demo_programme_has_past_and_future_sessions_and_a_waitlist(app):
    cohort = factories.space(title="Territoires pilotes 2027")
    factories.membership(cohort, factories.user(), role="facilitator")
    for _ in range(5):
        factories.membership(cohort, factories.user())
    with app.app_context():
        added = seed_meetings_demo()
        db.session.commit()
        assert added >= 5
        assert seed_meetings_demo() == 0  # idempotent
        db.session.commit()
        meetings = list(db.session.scalars(select(Meeting)))
        now = utcnow()
        assert any(m.ends_at < now for m in meetings) and any(m.starts_at > now for m in meetings)
        waitlisted = db.session.scalar(
            select(func.count()).where(Registration.status == "waitlisted")
        )
        assert waitlisted == 2
        recorded = db.session.scalar(
            select(func.count()).where(Registration.attendance_recorded_at.is_not(None))
        )
        assert recorded > 0
