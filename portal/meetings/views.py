"""Session pages: schedule, edit, cancel, read, download as .ics."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from portal.core.extensions import db
from portal.core.permissions import (
    can_cancel_meeting,
    can_edit_meeting,
    can_mark_attendance,
    can_post_material,
    can_register,
    can_schedule_meeting,
    can_unregister,
    is_admin,
    is_facilitator,
    require,
)

# A module import, not a name import: materials' services import meetings' models.
from portal.materials import services as material_services
from portal.meetings import bp, services
from portal.meetings.forms import ActionForm, CancelMeetingForm, MeetingForm
from portal.meetings.ical import calendar_document
from portal.meetings.loading import fresh_transaction, meeting_or_404
from portal.meetings.models import Registration, RegistrationStatus
from portal.meetings.registrations import attendance_sheet, registration_of
from portal.meetings.times import utc_to_local
from portal.spaces.views.helpers import visible_space


@bp.route("/spaces/<slug>/meetings/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """Schedule a session in a space (its facilitators and administrators)."""
    space = visible_space(slug)
    require(can_schedule_meeting(current_user, space))
    form = MeetingForm(zone_name=space.timezone, is_new=True)
    if form.validate_on_submit():
        meeting = services.create_meeting(space, form.details, current_user)
        db.session.commit()
        flash(_("The session is scheduled."), "success")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, space=space, meeting=None)


def _edit_data(meeting) -> dict:
    """The form's initial values: times as wall-clock times of the space's zone."""
    zone_name = meeting.space.timezone
    deadline = meeting.registration_deadline
    return {
        "title": meeting.title,
        "description": meeting.description,
        "starts_at": utc_to_local(meeting.starts_at, zone_name),
        "ends_at": utc_to_local(meeting.ends_at, zone_name),
        "place": meeting.place,
        "visio_url": meeting.visio_url,
        "capacity": meeting.capacity,
        "registration_deadline": utc_to_local(deadline, zone_name) if deadline else None,
    }


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    """Edit a session; a new time or place is emailed to everyone registered."""
    meeting = meeting_or_404(meeting_id)
    require(can_edit_meeting(current_user, meeting))
    space = meeting.space
    form = MeetingForm(zone_name=space.timezone, is_new=False, data=_edit_data(meeting))
    if form.validate_on_submit():
        fresh_transaction()
        changed = services.update_meeting(meeting_id, form.details)
        db.session.commit()
        if changed:
            flash(_("The session is updated."), "success")
        else:
            flash(_("Nothing changed."), "info")
        return redirect(url_for("meetings.show", meeting_id=meeting_id))
    return render_template(
        "meetings/form.html",
        form=form,
        space=space,
        meeting=meeting,
        cancel_form=CancelMeetingForm(formdata=None),
        can_cancel=can_cancel_meeting(current_user, meeting),
    )


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["POST"])
@login_required
def cancel(meeting_id: int):
    """Cancel a session, with an optional message to everyone registered."""
    meeting = meeting_or_404(meeting_id)
    require(can_cancel_meeting(current_user, meeting))
    form = CancelMeetingForm()
    if not form.validate_on_submit():
        space = meeting.space
        return render_template(
            "meetings/form.html",
            form=MeetingForm(zone_name=space.timezone, is_new=False, data=_edit_data(meeting)),
            space=space,
            meeting=meeting,
            cancel_form=form,
            can_cancel=True,
        ), 400
    fresh_transaction()
    services.cancel_meeting(meeting_id, form.message.data or "")
    db.session.commit()
    flash(_("The session is cancelled; the people registered are told by email."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id))


def _waitlist_position(registration) -> int | None:
    """1 for the first in line; None unless waitlisted."""
    if registration is None or not registration.is_waitlisted:
        return None
    ahead = db.session.scalar(
        select(func.count(Registration.id)).where(
            Registration.meeting_id == registration.meeting_id,
            Registration.status == RegistrationStatus.WAITLISTED.value,
            (Registration.created_at < registration.created_at)
            | (
                (Registration.created_at == registration.created_at)
                & (Registration.id < registration.id)
            ),
        )
    )
    return ahead + 1


def _counts(meeting_id: int) -> dict[str, int]:
    """Registrations of a session by status (one query)."""
    rows = db.session.execute(
        select(Registration.status, func.count(Registration.id))
        .where(Registration.meeting_id == meeting_id)
        .group_by(Registration.status)
    )
    return dict(rows.all())


@bp.route("/meetings/<int:meeting_id>")
@login_required
def show(meeting_id: int):
    """A session: when (in your zone and the space's), where, your registration."""
    meeting = meeting_or_404(meeting_id)
    registration = registration_of(meeting.id, current_user.id)
    manages = is_admin(current_user) or is_facilitator(current_user, meeting.space)
    return render_template(
        "meetings/show.html",
        meeting=meeting,
        space=meeting.space,
        registration=registration if registration and registration.is_active else None,
        position=_waitlist_position(registration),
        counts=_counts(meeting.id),
        participants=attendance_sheet(meeting) if manages else None,
        materials=material_services.materials_for_meeting(meeting, current_user),
        may_post_material=can_post_material(current_user, meeting.space),
        action_form=ActionForm(),
        may_register=can_register(current_user, meeting),
        may_unregister=can_unregister(current_user, meeting),
        may_edit=can_edit_meeting(current_user, meeting),
        may_mark=can_mark_attendance(current_user, meeting),
    )


def calendar_response(document: str, filename: str) -> Response:
    """An iCalendar document as a download."""
    response = Response(document, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/meetings/<int:meeting_id>.ics")
@login_required
def ics(meeting_id: int):
    """One session as an .ics file, for whoever may see it."""
    meeting = meeting_or_404(meeting_id)
    return calendar_response(calendar_document([meeting]), f"session-{meeting.id}.ics")
