"""Change, cancellation and promotion notices: CHANGES emails carrying the right invitation."""

from __future__ import annotations

from datetime import timedelta

from tests import factories
from tests.meetings.helpers import calendar_of, parse_ics


def _move(app, meeting, hours):
    from portal.core.extensions import db
    from portal.meetings import services
    from portal.meetings.models import Meeting

    with app.app_context():
        stored = db.session.get(Meeting, meeting.id)
        starts_at = stored.starts_at + timedelta(hours=hours)
        services.update_meeting(
            meeting.id,
            services.MeetingDetails(
                title=stored.title,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                visio_url=stored.visio_url,
            ),
        )
        db.session.commit()


def test_change_notice_carries_a_request_with_the_raised_sequence(app, session_next_week, outbox):
    member = factories.user()
    factories.registration(session_next_week, member)
    _move(app, session_next_week, 1)
    _move(app, session_next_week, 1)
    rows = outbox(template="meetings/changed")
    assert len(rows) == 2
    for row, sequence in zip(rows, (1, 2), strict=True):
        assert row["category"] == "changes" and row["is_essential"] is False
        assert "List-Unsubscribe" in row["headers"]
        attachment = row["attachments"][0]
        assert "method=REQUEST" in attachment["content_type"]
        assert calendar_of(attachment["data"])["METHOD"] == "REQUEST"
        [event] = parse_ics(attachment["data"])
        assert event["SEQUENCE"] == sequence
        assert event["STATUS"] == "CONFIRMED"


def test_cancellation_notice_carries_a_cancel(app, session_next_week, outbox):
    from portal.core.extensions import db
    from portal.meetings import services

    member = factories.user()
    factories.registration(session_next_week, member)
    with app.app_context():
        services.cancel_meeting(session_next_week.id, "Reportée à la rentrée.")
        db.session.commit()
    [row] = outbox(template="meetings/cancelled")
    assert row["category"] == "changes"
    assert calendar_of(row["attachments"][0]["data"])["METHOD"] == "CANCEL"
    [event] = parse_ics(row["attachments"][0]["data"])
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    assert "Reportée à la rentrée." in row["body_text"]


def test_promotion_notice(app, cohort, outbox):
    from portal.core.extensions import db
    from portal.meetings import registrations

    meeting = factories.meeting(cohort, capacity=1)
    first, second = factories.user(), factories.user()
    for person in (first, second):
        factories.membership(cohort, person)
        factories.register(meeting, person)
    with app.app_context():
        registrations.unregister(meeting.id, first.id)
        db.session.commit()
    [row] = outbox(template="meetings/promoted")
    assert row["recipient"] == second.email and row["category"] == "changes"
    assert calendar_of(row["attachments"][0]["data"])["METHOD"] == "REQUEST"


def test_members_who_turned_changes_off_get_none(app, session_next_week, outbox):
    from portal.accounts.models import User
    from portal.core.extensions import db

    member = factories.user()
    with app.app_context():
        db.session.get(User, member.id).notification_preferences = {"session_changes": False}
        db.session.commit()
    factories.registration(session_next_week, member)
    _move(app, session_next_week, 2)
    assert outbox(template="meetings/changed") == []
