"""Applications to the cohorts' calls: submitted in the year, and how many were accepted.

Accepted counts the applications submitted in the year whose acceptance was released to
the applicant (a decision still held is not public yet).
"""

from __future__ import annotations

from sqlalchemy import and_, case, func, select

from portal.core.extensions import db
from portal.programmes.calls.models import Application, ApplicationState
from portal.reports.figures.period import Period, count


def applications_section(period: Period) -> dict:
    """The applications section (one query)."""
    released = and_(
        Application.state == ApplicationState.ACCEPTED.value,
        Application.notified_at.is_not(None),
    )
    submitted, accepted = db.session.execute(
        select(func.count(Application.id), func.count(case((released, 1)))).where(
            period.contains(Application.submitted_at)
        )
    ).one()
    return {
        "totals": {"submitted": count(submitted), "accepted": count(accepted)},
        "breakdowns": {},
    }
