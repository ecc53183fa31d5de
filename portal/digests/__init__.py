"""Digests: a daily or weekly summary of the alliance's activity, at 07:00 local time.

`schedule_digests(now)` is called by the schedulers (portal.notifications.schedulers);
`reschedule(user)` after a member changes their digest choice or time zone;
`build_digest(user, since, until)` builds one member's digest (None when empty).
The functions are imported lazily: the builder reads many domains, which must not
be imported when this package is.
"""

from __future__ import annotations

from datetime import timedelta

from portal.notifications.preferences import on_timing_change
from portal.notifications.schedulers import register_scheduler


def schedule_digests(now):
    """Write the digests due at `now` (see scheduler.schedule_digests)."""
    from portal.digests.scheduler import schedule_digests as _schedule

    return _schedule(now)


def reschedule(user, now=None):
    """Recompute `user`'s next digest (see scheduler.reschedule)."""
    from portal.digests.scheduler import reschedule as _reschedule

    return _reschedule(user, now)


def build_digest(user, since, until):
    """`user`'s digest for (since, until], or None when empty (see builder.build_digest)."""
    from portal.digests.builder import build_digest as _build

    return _build(user, since, until)


#: How long after being written a digest's key may still be computed: it names the local
#: day of the due instant it was written for, and two days cover any change of time zone
#: (see portal/notifications/retention.py).
DIGEST_HORIZON = timedelta(days=2)

# The email engine runs the digests and reschedules a member whose timing changed; it
# reads no domain, so the digests register themselves when this package is imported.
register_scheduler("digests", schedule_digests, lambda: DIGEST_HORIZON, position=30)
on_timing_change(reschedule)
