"""The timeline of the alliance, and its milestones' administration."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.extensions import db
from portal.core.permissions import require
from portal.programmes import bp, timeline
from portal.programmes.forms import MilestoneForm
from portal.programmes.models import Milestone
from portal.programmes.permissions import can_manage_milestones


@bp.route("/dispositifs/frise")
def frise():
    """Every dispositif since 2020 and every milestone, by year, with a drawing."""
    years = timeline.by_year(timeline.items())
    return render_template(
        "programmes/timeline.html",
        years=years,
        height=timeline.height(years),
        geometry=timeline,
    )


@bp.route("/dispositifs/jalons")
@login_required
def milestones():
    """The milestones, newest first, for administrators."""
    require(can_manage_milestones(current_user))
    return render_template("programmes/milestones.html", milestones=timeline.milestones())


def _milestone_or_404(milestone_id: int) -> Milestone:
    """The milestone, or 404."""
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None:
        abort(404)
    return milestone


@bp.route("/dispositifs/jalons/nouveau", methods=["GET", "POST"])
@login_required
def milestone_add():
    """Add a milestone."""
    require(can_manage_milestones(current_user))
    form = MilestoneForm()
    if form.validate_on_submit():
        timeline.save_milestone(None, form.data)
        db.session.commit()
        flash(_("The milestone is added."), "success")
        return redirect(url_for("programmes.milestones"))
    return render_template("programmes/milestone_form.html", form=form, milestone=None)


@bp.route("/dispositifs/jalons/<int:milestone_id>/modifier", methods=["GET", "POST"])
@login_required
def milestone_edit(milestone_id: int):
    """Edit a milestone."""
    require(can_manage_milestones(current_user))
    milestone = _milestone_or_404(milestone_id)
    form = MilestoneForm(obj=None if request.method == "POST" else milestone)
    if form.validate_on_submit():
        timeline.save_milestone(milestone, form.data)
        db.session.commit()
        flash(_("The milestone is saved."), "success")
        return redirect(url_for("programmes.milestones"))
    return render_template("programmes/milestone_form.html", form=form, milestone=milestone)


@bp.route("/dispositifs/jalons/<int:milestone_id>/supprimer", methods=["POST"])
@login_required
def milestone_delete(milestone_id: int):
    """Delete a milestone."""
    require(can_manage_milestones(current_user))
    timeline.delete_milestone(_milestone_or_404(milestone_id))
    db.session.commit()
    flash(_("The milestone is deleted."), "success")
    return redirect(url_for("programmes.milestones"))
