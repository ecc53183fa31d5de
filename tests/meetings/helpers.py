"""Helpers of the meetings tests: form data, the last Sunday of October, .ics parsing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar


def local(day: date, hour: int = 18, minute: int = 0) -> str:
    """A datetime-local input value."""
    return (
        datetime.combine(day, datetime.min.time())
        .replace(hour=hour, minute=minute)
        .strftime("%Y-%m-%dT%H:%M")
    )


def in_days(days: int) -> date:
    """The date `days` from today."""
    return date.today() + timedelta(days=days)


def october_change(year: int | None = None) -> date:
    """The last Sunday of October of next year, when Europe goes back to winter time."""
    year = year or date.today().year + 1
    day = date(year, 10, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def session_form(**overrides) -> dict:
    """Valid form data for a session next month, 18:00–20:00 in the space's zone."""
    day = in_days(30)
    data = {
        "title": "Atelier mise en récit",
        "description": "Préparer le **récit** du projet.",
        "starts_at": local(day, 18),
        "ends_at": local(day, 20),
        "place": "Maison des associations, Rennes",
        "visio_url": "https://visio.example.org/recit",
        "capacity": "",
        "registration_deadline": "",
    }
    data.update(overrides)
    return data


def parse_ics(data: bytes | str) -> list:
    """The VEVENTs of an iCalendar document (parsed back with the icalendar library)."""
    calendar = Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def calendar_of(data: bytes | str) -> Calendar:
    """The VCALENDAR of an iCalendar document."""
    return Calendar.from_ical(data)
