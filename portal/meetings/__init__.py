"""Meetings: sessions of a space, registrations with a waitlist, attendance, calendars."""

from datetime import timedelta

from flask import Blueprint

from portal.notifications.schedulers import register_scheduler

bp = Blueprint("meetings", __name__)

from portal.meetings import (  # noqa: E402, F401
    agenda,
    catchups,
    display,
    facilitator,
    personal_data,
    reminders,
    rsvp,
    views,
)

# Reminders and catch-ups read meetings: they register with the email engine's schedulers.
register_scheduler(
    "reminders",
    reminders.schedule_reminders,
    lambda: timedelta(minutes=reminders.longest_offset()),
)
register_scheduler("catchups", catchups.schedule_catchups, lambda: catchups.CATCHUP_WINDOW)
