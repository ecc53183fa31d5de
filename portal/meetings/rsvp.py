"""Registering and unregistering for a session, and recording attendance afterwards."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.extensions import db
from portal.core.permissions import can_mark_attendance, can_register, can_unregister, require
from portal.meetings import bp, registrations
from portal.meetings.forms import AttendanceForm
from portal.meetings.loading import fresh_transaction, meeting_or_404


@bp.route("/meetings/<int:meeting_id>/register", methods=["POST"])
@login_required
def register(meeting_id: int):
    """Take a seat, or a place on the waitlist when the session is full."""
    meeting = meeting_or_404(meeting_id)
    require(can_register(current_user, meeting))
    user_id = current_user.id
    fresh_transaction()
    try:
        registration = registrations.register(meeting_id, user_id)
    except registrations.RegistrationClosed:
        db.session.rollback()
        flash(_("Registration is closed."), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting_id))
    db.session.commit()
    if registration.is_confirmed:
        flash(_("You are registered."), "success")
    else:
        flash(
            _(
                "The session is full: you are on the waitlist. "
                "You will get an email if a seat frees."
            ),
            "info",
        )
    return redirect(url_for("meetings.show", meeting_id=meeting_id))


@bp.route("/meetings/<int:meeting_id>/unregister", methods=["POST"])
@login_required
def unregister(meeting_id: int):
    """Give your seat (or waitlist place) back; the first person waiting gets the seat."""
    meeting = meeting_or_404(meeting_id)
    require(can_unregister(current_user, meeting))
    user_id = current_user.id
    fresh_transaction()
    cancelled = registrations.unregister(meeting_id, user_id)
    db.session.commit()
    if cancelled is None:
        flash(_("You were not registered for this session."), "info")
    else:
        flash(_("You are no longer registered."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id))


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["GET", "POST"])
@login_required
def attendance(meeting_id: int):
    """Tick who came, among the people with a seat (after the session has started)."""
    meeting = meeting_or_404(meeting_id)
    require(can_mark_attendance(current_user, meeting))
    sheet = registrations.attendance_sheet(meeting)
    form = AttendanceForm(sheet=sheet)
    if form.validate_on_submit():
        present = registrations.record_attendance(meeting, set(form.present.data or []))
        db.session.commit()
        flash(
            _(
                "Attendance recorded: %(present)d of %(total)d present.",
                present=present,
                total=len(sheet),
            ),
            "success",
        )
        return redirect(url_for("meetings.show", meeting_id=meeting_id))
    return render_template(
        "meetings/attendance.html", meeting=meeting, space=meeting.space, form=form, sheet=sheet
    )
