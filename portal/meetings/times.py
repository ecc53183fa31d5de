"""Session times: wall-clock input in the space's zone, stored in UTC, shown in any zone.

A session at 18:00 Paris is entered as 18:00 in Europe/Paris and converted with
zoneinfo for that date, so it stays at 18:00 local on either side of a DST change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_time as babel_format_time


class NonexistentLocalTime(ValueError):
    """The wall-clock time is skipped when clocks go forward (e.g. 02:30 on the spring change)."""


def zone(name: str | None) -> ZoneInfo:
    """The zone `name`, falling back to Europe/Paris for an unknown or empty name."""
    try:
        return ZoneInfo(name or "Europe/Paris")
    except (ValueError, KeyError, OSError):
        return ZoneInfo("Europe/Paris")


def is_ambiguous(local: datetime, tz: ZoneInfo) -> bool:
    """Whether the naive `local` happens twice in `tz` (clocks go back)."""
    first = local.replace(tzinfo=tz, fold=0)
    second = local.replace(tzinfo=tz, fold=1)
    return first.utcoffset() != second.utcoffset() and not _is_gap(local, tz)


def _is_gap(local: datetime, tz: ZoneInfo) -> bool:
    """Whether the naive `local` never happens in `tz` (clocks go forward)."""
    aware = local.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return round_trip != local.replace(tzinfo=None)


def local_to_utc(local: datetime, zone_name: str) -> datetime:
    """Convert a naive wall-clock time of `zone_name` to aware UTC.

    A time skipped by the spring change raises NonexistentLocalTime (the form shows
    the error); a time that happens twice in autumn takes its first occurrence
    (fold=0, still summer time), which the form states in a hint.
    """
    tz = zone(zone_name)
    naive = local.replace(tzinfo=None, second=0, microsecond=0)
    if _is_gap(naive, tz):
        raise NonexistentLocalTime(naive.isoformat(sep=" ", timespec="minutes"))
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def local_moment(day: date, at: time, zone_name: str) -> datetime:
    """`at` on `day` in `zone_name`, as aware UTC (a time skipped by a DST change is read
    with the offset before the change, i.e. an hour later on the wall clock). Schedulers
    use it for "07:00 their time" and "08:00 the morning after"."""
    return datetime.combine(day, at, tzinfo=zone(zone_name)).astimezone(UTC)


def utc_to_local(moment: datetime, zone_name: str) -> datetime:
    """`moment` as a naive wall-clock time of `zone_name` (to fill a datetime-local input)."""
    return moment.astimezone(zone(zone_name)).replace(tzinfo=None)


def format_moment(moment: datetime, zone_name: str, locale: str, fmt: str = "full") -> str:
    """`moment` in `zone_name`, in the words of `locale` ("jeudi 28 octobre 2027, 18:00")."""
    tz = zone(zone_name)
    if fmt == "full":
        # Babel's "full" datetime adds the zone's long name; a date and a short time read better.
        date_part = babel_format_date(moment.astimezone(tz).date(), "full", locale=locale)
        return f"{date_part}, {format_clock(moment, zone_name, locale)}"
    return babel_format_datetime(moment, fmt, tzinfo=tz, locale=locale)


def format_clock(moment: datetime, zone_name: str, locale: str) -> str:
    """Only the time of day of `moment` in `zone_name` ("18:00", "6:00 PM")."""
    return babel_format_time(moment, "short", tzinfo=zone(zone_name), locale=locale)


def same_wall_clock(moment: datetime, first_zone: str, second_zone: str) -> bool:
    """Whether both zones read the same clock at `moment` (then one display is enough)."""
    return (
        moment.astimezone(zone(first_zone)).utcoffset()
        == moment.astimezone(zone(second_zone)).utcoffset()
    )


def zone_label(moment: datetime, zone_name: str) -> str:
    """The zone's name and offset at `moment`: "Europe/Paris, UTC+01:00" (templates put
    it in parentheses after the time, so it carries none of its own)."""
    offset = moment.astimezone(zone(zone_name)).strftime("%z")
    return f"{zone_name}, UTC{offset[:3]}:{offset[3:]}"


def span_text(starts: datetime, ends: datetime, zone_name: str, locale: str) -> str:
    """ "jeudi 28 octobre 2027, 18:00 – 20:00", or both dates when it spans midnight."""
    tz = zone(zone_name)
    if starts.astimezone(tz).date() == ends.astimezone(tz).date():
        end_text = format_clock(ends, zone_name, locale)
    else:
        end_text = format_moment(ends, zone_name, locale)
    return f"{format_moment(starts, zone_name, locale)} – {end_text}"


def describe_times(meeting, viewer_zone: str, locale: str) -> dict:
    """The session's times for a reader in `viewer_zone`, and in the space's zone if it differs.

    Returns {"local": text, "local_zone": label, "space": text or None, "space_zone": label}.
    """
    space_zone = meeting.space.timezone if meeting.space else viewer_zone
    return dict(_times_text(meeting.starts_at, meeting.ends_at, viewer_zone, space_zone, locale))


@lru_cache(maxsize=8192)
def _times_text(starts: datetime, ends: datetime, viewer_zone: str, space_zone: str, locale: str):
    """describe_times' texts, memoised per process: a list page shows the same sessions to
    every reader, and Babel's formatting was a fifth of the agenda's time (issue 6)."""
    differs = not (
        same_wall_clock(starts, viewer_zone, space_zone)
        and same_wall_clock(ends, viewer_zone, space_zone)
    )
    return (
        ("local", span_text(starts, ends, viewer_zone, locale)),
        ("local_zone", zone_label(starts, viewer_zone)),
        ("space", span_text(starts, ends, space_zone, locale) if differs else None),
        ("space_zone", zone_label(starts, space_zone)),
    )
