"""iCalendar (RFC 5545) documents of sessions: downloads, the personal feed, email invitations.

Times are written in UTC ("DTSTART:20271028T170000Z") rather than with a TZID and
a VTIMEZONE: every client (Google, Outlook, Apple) reads UTC the same way and
shows it in the reader's own zone, whereas TZID handling differs (Outlook maps
zone names to Windows zones and has mis-shifted events whose VTIMEZONE it did
not recognise). Sessions are single events, never recurring rules, so nothing is
lost: the local time, computed from the space's zone for that very date when the
session was entered, is already baked into the UTC instant, on either side of a
daylight-saving change.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for
from icalendar import Calendar, Event, vCalAddress, vText

from portal.core.db import utcnow

PRODID = "-//La Fabrique des transitions//Maillage//FR"
#: How often calendar apps should refresh a subscribed feed.
FEED_REFRESH = timedelta(hours=1)


def base_url() -> str:
    """PORTAL_BASE_URL without its trailing slash."""
    return current_app.config["PORTAL_BASE_URL"].rstrip("/")


def absolute_url(endpoint: str, **values) -> str:
    """An absolute link on the portal, with or without a request (CLI, worker)."""
    if has_request_context():
        return base_url() + url_for(endpoint, **values)
    with current_app.test_request_context(base_url=base_url()):
        return base_url() + url_for(endpoint, **values)


def meeting_uid(meeting) -> str:
    """The stable UID: the same session is the same event in every document, forever."""
    host = urlsplit(base_url()).hostname or "localhost"
    return f"meeting-{meeting.id}@{host}"


def location_text(meeting) -> str:
    """The place, the video link, or both."""
    return " — ".join(part for part in (meeting.place, meeting.visio_url) if part)


def meeting_event(meeting, *, now: datetime, attendee: str | None = None) -> Event:
    """One VEVENT for `meeting`; with `attendee` (an email), the iTIP fields invitations need."""
    page = absolute_url("meetings.show", meeting_id=meeting.id)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at or meeting.created_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    space_title = meeting.space.title if meeting.space else ""
    event.add("summary", meeting.title)
    description = "\n\n".join(part for part in (meeting.description.strip(), page) if part)
    event.add("description", description)
    event.add("url", page)
    location = location_text(meeting)
    if location:
        event.add("location", location)
    if space_title:
        event.add("categories", [space_title])
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if attendee:
        name, sender = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])
        organizer = vCalAddress(f"mailto:{sender}")
        organizer.params["cn"] = vText(space_title or name or "Maillage")
        event.add("organizer", organizer)
        guest = vCalAddress(f"mailto:{attendee}")
        guest.params["partstat"] = vText("ACCEPTED")
        guest.params["rsvp"] = vText("FALSE")
        event.add("attendee", guest)
    return event


def calendar_document(
    meetings,
    *,
    method: str | None = "PUBLISH",
    name: str | None = None,
    attendee: str | None = None,
    now: datetime | None = None,
) -> str:
    """A VCALENDAR of `meetings` as text (CRLF lines, as RFC 5545 wants)."""
    now = now or utcnow()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, now=now, attendee=attendee))
    return calendar.to_ical().decode("utf-8")


def invitation_attachment(meeting, recipient: str) -> dict:
    """The .ics attached to a change or cancellation notice (METHOD:REQUEST or CANCEL)."""
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    return {
        "filename": "cancel.ics" if meeting.is_cancelled else "invite.ics",
        "content_type": f"text/calendar; charset=utf-8; method={method}",
        "data": calendar_document([meeting], method=method, attendee=recipient),
    }
