"""Template helpers of sessions: times in the reader's zone and the space's."""

from __future__ import annotations

from flask_babel import get_locale, get_timezone

from portal.meetings import bp
from portal.meetings.times import describe_times


@bp.app_template_global("meeting_times")
def meeting_times(meeting) -> dict:
    """The times of `meeting` for the current reader (see times.describe_times)."""
    # Flask-Babel keeps the reader's zone for the request: no current_user lookup per item.
    return describe_times(meeting, str(get_timezone()), str(get_locale() or "fr"))
