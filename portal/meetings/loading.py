"""Loading what a URL names, for the views: a session by id (a space by slug is
spaces.views.helpers.visible_space).

What the viewer may not see answers 404, as a space or a material does: a private
cohort's sessions do not reveal that they exist. What they may see but not do
answers 403 in the views.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.core.extensions import db
from portal.core.permissions import can_see_meeting
from portal.meetings.models import Meeting


def meeting_or_404(meeting_id: int) -> Meeting:
    """The session `meeting_id` with its space if the viewer may see it, or 404."""
    meeting = db.session.scalar(
        select(Meeting).where(Meeting.id == meeting_id).options(joinedload(Meeting.space))
    )
    if meeting is None or not can_see_meeting(current_user, meeting):
        abort(404)
    return meeting


def fresh_transaction() -> None:
    """End the request's read transaction before a locking write (see registrations.lock_meeting).

    Nothing is pending at this point; on SQLite the next statement then takes the
    write lock first, instead of failing to upgrade a stale read snapshot.
    """
    db.session.rollback()
