"""The facilitator view of a space: seats of sessions to come, attendance, CSV exports."""

from __future__ import annotations

from flask import Response, render_template
from flask_babel import format_percent, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.permissions import can_see_facilitator_view, require
from portal.meetings import bp, queries, reports
from portal.meetings.chart import attendance_chart
from portal.meetings.times import format_moment
from portal.spaces.views.helpers import visible_space

#: Sessions to come listed, and past sessions charted.
UPCOMING_LIMIT = 50
PAST_LIMIT = 12


def _chart(attendance: list[reports.Attendance], space, locale: str):
    """The attendance chart of past sessions, oldest at the top."""
    bars = []
    for figure in reversed(attendance):
        date = format_moment(figure.meeting.starts_at, space.timezone, locale, "d MMM")
        label = f"{date} · {figure.meeting.title}"
        if figure.rate is None:
            bars.append((label, None, _("n/a")))
        else:
            bars.append((label, figure.rate, format_percent(figure.rate)))
    return attendance_chart(
        bars,
        chart_id="attendance-chart",
        title=_("Attendance rate of the last past sessions"),
        desc=_(
            "Bar chart: share of people with a seat who came, for each of the last "
            "%(count)d sessions. The table below gives the same figures.",
            count=len(bars),
        ),
    )


@bp.route("/spaces/<slug>/facilitator")
@login_required
def facilitator(slug: str):
    """Registrations against capacity, attendance of past sessions, exports."""
    space = visible_space(slug)
    require(can_see_facilitator_view(current_user, space))
    locale = str(get_locale() or "fr")
    attendance = reports.attendance_of(queries.past_for_space(space, limit=PAST_LIMIT))
    return render_template(
        "meetings/facilitator.html",
        space=space,
        upcoming=queries.upcoming_for_space(space, limit=UPCOMING_LIMIT),
        attendance=attendance,
        chart=_chart(attendance, space, locale) if attendance else None,
    )


def _csv(chunks, filename: str) -> Response:
    """A CSV download that no cache keeps (it holds addresses)."""
    response = Response(chunks, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/spaces/<slug>/facilitator/members.csv")
@login_required
def members_csv(slug: str):
    """The space's members, roles and session counts, as CSV."""
    space = visible_space(slug)
    require(can_see_facilitator_view(current_user, space))
    return _csv("".join(reports.members_csv(space)), f"{space.slug}-members.csv")


@bp.route("/spaces/<slug>/facilitator/attendance.csv")
@login_required
def attendance_csv(slug: str):
    """Every seat of the space's sessions and whether its holder came, as CSV."""
    space = visible_space(slug)
    require(can_see_facilitator_view(current_user, space))
    locale = str(get_locale() or "fr")
    return _csv("".join(reports.attendance_csv(space, locale)), f"{space.slug}-attendance.csv")
