"""The whole journey against a real SMTP server: a facilitator schedules a session, a member
registers, the clock reaches 24 hours before, and the reminder arrives, in the member's
language and zone, with the invitation and the one-click unsubscribe headers."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import select

from tests import factories
from tests.helpers import post_form
from tests.meetings.conftest import in_english
from tests.meetings.helpers import in_days, local, parse_ics, session_form


@pytest.mark.parametrize(
    ("locale", "zone_name", "greeting"),
    [("fr", "America/Montreal", "Bonjour"), ("en", "Indian/Reunion", "Hello")],
)
def test_reminder_arrives_with_local_time_ics_and_headers(
    app, as_viewer, cohort, smtp_server, deliver, locale, zone_name, greeting
):
    from portal.core.extensions import db
    from portal.meetings.models import Meeting
    from portal.notifications.schedulers import run_schedulers

    facilitator = factories.user()
    factories.membership(cohort, facilitator, role="facilitator")
    member = factories.user(locale=locale, timezone=zone_name)
    factories.membership(cohort, member)
    in_english(facilitator)

    # The facilitator schedules a session at 18:00 Paris in five days, through the form.
    day = in_days(5)
    form = session_form(
        title="Atelier gouvernance", starts_at=local(day, 18), ends_at=local(day, 20)
    )
    response = post_form(as_viewer(facilitator), f"/spaces/{cohort.slug}/meetings/new", form)
    assert response.status_code == 302
    with app.app_context():
        meeting = db.session.scalar(select(Meeting).where(Meeting.space_id == cohort.id))
        meeting_id, starts_at = meeting.id, meeting.starts_at

    # The member registers on the session's page.
    response = post_form(as_viewer(member), f"/meetings/{meeting_id}/register")
    assert response.status_code == 302

    # The clock reaches 24 hours before: the schedulers write it, the worker delivers it.
    with app.app_context():
        counts = run_schedulers(starts_at - timedelta(hours=24))
    assert counts["reminders"] == 1
    assert deliver().sent == 1

    [message] = smtp_server.messages()
    assert message["To"] == member.email
    local_start = starts_at.astimezone(ZoneInfo(zone_name))
    # The date in the member's language, e.g. "mercredi 2 décembre 2026" / "Wednesday, …".
    weekday = format_date(local_start.date(), "EEEE", locale=locale)
    assert "Atelier gouvernance" in message["Subject"] and weekday in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert greeting in text and weekday in text
    clock = (
        local_start.strftime("%H:%M")
        if locale == "fr"
        else local_start.strftime("%-I:%M")  # "9:00 PM" in English
    )
    assert clock in text and zone_name in text
    # The space's own zone is given too, since the member's differs.
    assert "18:00" in text or "6:00" in text
    assert f"http://localhost/meetings/{meeting_id}" in html

    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://localhost/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    [attachment] = [part for part in message.iter_attachments()]
    assert attachment.get_content_type() == "text/calendar"
    [event] = parse_ics(attachment.get_content())
    assert event.decoded("DTSTART") == starts_at
    assert f"meeting-{meeting_id}@" in str(event["UID"])
