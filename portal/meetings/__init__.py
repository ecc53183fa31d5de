"""Meetings: sessions of a space, registrations with a waitlist, attendance, calendars."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)

from portal.meetings import (  # noqa: E402, F401
    agenda,
    display,
    facilitator,
    personal_data,
    rsvp,
    views,
)
