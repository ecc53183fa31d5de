"""Meetings: sessions of a space, registrations with a waitlist, attendance, calendars."""

from datetime import timedelta

from flask import Blueprint

from portal.notifications.schedulers import register_scheduler
from portal.spaces.page import register_panel

bp = Blueprint("meetings", __name__)

from portal.meetings import (  # noqa: E402, F401
    agenda,
    catchups,
    display,
    facilitator,
    personal_data,
    queries,
    reminders,
    rsvp,
    views,
)

# Reminders and catch-ups read meetings: they register with the email engine's schedulers.
register_scheduler(
    "reminders",
    reminders.schedule_reminders,
    lambda: timedelta(minutes=reminders.longest_offset()),
    position=10,
)
register_scheduler(
    "catchups", catchups.schedule_catchups, lambda: catchups.CATCHUP_WINDOW, position=20
)

# The space page's "next sessions" panel (spaces sits below and does not import meetings).
register_panel(
    "sessions", lambda space, _user, limit: queries.upcoming_for_space(space, limit=limit)
)
