"""When a member's digest is due: 07:00 in their zone, every day or on their weekday.

Computed with zoneinfo on the local calendar, so 07:00 stays 07:00 on the wall
clock across daylight-saving changes (the UTC instant moves by an hour instead).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from portal.accounts.models import DigestFrequency
from portal.meetings.times import local_moment, zone
from portal.notifications.preferences import DEFAULTS, preferences_of

#: Digests go out at this local time.
DIGEST_TIME = time(7, 0)
#: How far apart two digests are, by frequency ("never" has none).
PERIODS = {
    DigestFrequency.DAILY.value: timedelta(days=1),
    DigestFrequency.WEEKLY.value: timedelta(days=7),
}


def frequency_of(user) -> str:
    """ "daily", "weekly" or "never" (deleted members: never)."""
    if user is None or user.is_deleted:
        return DigestFrequency.NEVER.value
    chosen = preferences_of(user).get("digest")
    return chosen if chosen in PERIODS else DigestFrequency.NEVER.value


def weekday_of(user) -> int:
    """The weekday of weekly digests, 0 (Monday) to 6; the default for anything odd."""
    default = DEFAULTS["digest_weekday"]
    try:
        chosen = int(preferences_of(user)["digest_weekday"])
    except (TypeError, ValueError):
        return default
    return chosen if 0 <= chosen <= 6 else default


def at_local(day: date, zone_name: str) -> datetime:
    """07:00 on `day` in `zone_name`, as aware UTC."""
    return local_moment(day, DIGEST_TIME, zone_name)


def next_due(user, after: datetime) -> datetime | None:
    """The first 07:00 local strictly after `after` on which `user` gets a digest, or None."""
    frequency = frequency_of(user)
    if frequency not in PERIODS:
        return None
    zone_name = user.timezone
    day = after.astimezone(zone(zone_name)).date()
    if frequency == DigestFrequency.WEEKLY.value:
        day += timedelta(days=(weekday_of(user) - day.weekday()) % 7)
    step = PERIODS[frequency]
    while at_local(day, zone_name) <= after:
        day += step
    return at_local(day, zone_name)


def local_day(user, moment: datetime) -> date:
    """The date of `moment` in the member's zone (names a digest's period)."""
    return moment.astimezone(zone(user.timezone)).date()
