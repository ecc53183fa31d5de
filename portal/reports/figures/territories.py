"""Territories accompanied in a year: the organisations a cohort worked with.

An organisation counts when an application for it was accepted (decision released) to a
call of a cohort that held a session in the year, or when a participant of a held cohort
session named it as their organisation. Individual applications, which name a territory
as free text only, are not counted: free text does not deduplicate.
"""

from __future__ import annotations

from sqlalchemy import func, select, union

from portal.accounts.models import User
from portal.core.extensions import db
from portal.meetings.models import Meeting, Registration
from portal.programmes.calls.models import Application, ApplicationState, Call
from portal.reports.figures.period import Period, count
from portal.spaces.models import Space, SpaceKind


def territories_accompanied(period: Period, held, took_part) -> int:
    """Distinct organisations accompanied (one query); `held` and `took_part` are the
    activity section's SQL conditions on meetings and registrations."""
    cohort_sessions = (
        select(Meeting.space_id)
        .join(Space, Space.id == Meeting.space_id)
        .where(held, Space.kind == SpaceKind.COHORT.value)
    )
    accepted = (
        select(Application.organisation_id.label("organisation_id"))
        .join(Call, Call.id == Application.call_id)
        .where(
            Application.state == ApplicationState.ACCEPTED.value,
            Application.notified_at.is_not(None),
            Application.organisation_id.is_not(None),
            Call.space_id.in_(cohort_sessions),
        )
    )
    participants = (
        select(User.organisation_id.label("organisation_id"))
        .join(Registration, Registration.user_id == User.id)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .join(Space, Space.id == Meeting.space_id)
        .where(
            held, took_part, Space.kind == SpaceKind.COHORT.value, User.organisation_id.is_not(None)
        )
    )
    organisations = union(accepted, participants).subquery()
    return count(
        db.session.scalar(select(func.count(func.distinct(organisations.c.organisation_id))))
    )
