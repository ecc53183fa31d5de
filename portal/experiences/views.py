"""Experience pages: the list, writing, one experience, publishing, "this helped me"."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core import pagination
from portal.core.extensions import db, login_manager
from portal.core.permissions import is_signed_in, preload_space_roles, require
from portal.core.permissions_experiences import (
    can_edit_experience,
    can_mark_helpful,
    can_see_experience,
    can_start_experience,
    can_write_for,
)
from portal.experiences import bp, display, listing, services
from portal.experiences.constants import PER_PAGE
from portal.experiences.forms import ExperienceFilterForm, ExperienceForm
from portal.experiences.models import Experience
from portal.experiences.similarity import similar_experiences

#: Beyond this, a page number is nonsense rather than a deep link (and would cost an OFFSET).
MAX_PAGE = 10_000


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def visible_experience(experience_id: int) -> Experience:
    """The experience if the viewer may see it: visitors log in first, others get a 404."""
    experience = listing.load_experience(experience_id)
    if experience is None:
        abort(404)
    if not can_see_experience(current_user, experience):
        if not is_signed_in(current_user):
            abort(login_manager.unauthorized())
        abort(404)  # a draft does not reveal that it exists
    return experience


def editable_experience(experience_id: int) -> Experience:
    """The experience if the viewer may edit it (403 for those who only read it)."""
    experience = visible_experience(experience_id)
    require(can_edit_experience(current_user, experience))
    return experience


def page_number() -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    return pagination.page_number("page", MAX_PAGE)


@bp.route("/experiences")
def index():
    """Published experiences the viewer may read, filtered and sorted, and their own drafts."""
    form = ExperienceFilterForm(request.args)
    form.validate()
    filters = listing.ListFilters(
        fundamental=form.valid_value("fundamental"),
        theme=form.valid_value("theme"),
        region=form.valid_value("region"),
        kind=form.valid_value("kind"),
        sort=form.valid_value("sort") or "date",
    )
    number = page_number()
    page = db.paginate(
        listing.list_query(current_user, filters), page=number, per_page=PER_PAGE, error_out=False
    )
    if number > 1 and number > page.pages:
        abort(404)
    args = {k: v for k, v in vars(filters).items() if v and not (k == "sort" and v == "date")}
    return render_template(
        "experiences/index.html",
        form=form,
        page=page,
        args=args,
        drafts=listing.my_drafts(current_user) if number == 1 else [],
        may_write=can_start_experience(current_user),
    )


@bp.route("/experiences/new", methods=["GET", "POST"])
@login_required
def new():
    """Write a new experience for one of the viewer's ally organisations (saved as a draft)."""
    organisations = services.writable_organisations(me())
    require(bool(organisations))
    form = ExperienceForm(
        organisations=organisations,
        meetings=display.meeting_choices(me()),
        spaces=display.space_choices(me()),
    )
    if request.method == "GET" and organisations:
        display.prefill_from_organisation(form, organisations[0])
    if form.validate_on_submit():
        organisation = next(o for o in organisations if o.id == form.organisation.data)
        require(can_write_for(current_user, organisation))
        experience = services.create_experience(organisation, me(), display.fields_of(form))
        db.session.commit()
        flash(_("The draft was saved. Publish it when it is complete."), "success")
        return redirect(url_for("experiences.show", experience_id=experience.id))
    return render_template("experiences/form.html", form=form, experience=None)


@bp.route("/experiences/<int:experience_id>")
def show(experience_id: int):
    """One experience: its parts under headings, sessions, attachments, discussion, similar ones."""
    experience = visible_experience(experience_id)
    # The page asks whether the viewer may open each session: one role lookup for all.
    preload_space_roles(current_user, {m.space for m in experience.meetings})
    return render_template(
        "experiences/show.html",
        experience=experience,
        attachments=listing.attachments_of(experience),
        similar=similar_experiences(experience, current_user) if experience.is_published else [],
        marked=listing.has_marked(experience, current_user),
        missing=display.missing_labels(experience),
        discussion=display.discussion(experience),
    )


@bp.route("/experiences/<int:experience_id>/edit", methods=["GET", "POST"])
@login_required
def edit(experience_id: int):
    """Edit an experience (its organisation stays)."""
    experience = editable_experience(experience_id)
    form = ExperienceForm(
        obj=None if request.method == "POST" else experience,
        organisations=[experience.organisation],
        meetings=display.meeting_choices(me(), experience),
        spaces=display.space_choices(me(), experience),
        current_themes=experience.themes,
    )
    del form.organisation  # an experience stays with its organisation
    form.submit.label.text = _("Save the changes")
    if request.method == "GET":
        display.prefill_tags(form, experience)
    if form.validate_on_submit():
        services.update_experience(experience, display.fields_of(form))
        db.session.commit()
        flash(_("The experience was saved."), "success")
        return redirect(url_for("experiences.show", experience_id=experience.id))
    return render_template("experiences/form.html", form=form, experience=experience)


@bp.route("/experiences/<int:experience_id>/publish", methods=["POST"])
@login_required
def publish(experience_id: int):
    """Publish a complete draft (its discussion opens the first time)."""
    experience = editable_experience(experience_id)
    try:
        services.publish(experience, me())
    except services.NotReady:
        flash(_("Complete the missing parts before publishing."), "error")
        return redirect(url_for("experiences.show", experience_id=experience.id))
    db.session.commit()
    flash(_("The experience is published."), "success")
    return redirect(url_for("experiences.show", experience_id=experience.id))


@bp.route("/experiences/<int:experience_id>/unpublish", methods=["POST"])
@login_required
def unpublish(experience_id: int):
    """Take an experience back to draft."""
    experience = editable_experience(experience_id)
    services.unpublish(experience)
    db.session.commit()
    flash(_("The experience is a draft again: only its writers see it."), "success")
    return redirect(url_for("experiences.show", experience_id=experience.id))


@bp.route("/experiences/<int:experience_id>/helpful", methods=["POST"])
@login_required
def helpful(experience_id: int):
    """Mark or unmark "this helped me" (one mark per member)."""
    experience = visible_experience(experience_id)
    require(can_mark_helpful(current_user, experience))
    marked = services.toggle_helpful(experience, me())
    db.session.commit()
    flash(
        _("Thank you: your mark was counted.") if marked else _("Your mark was removed."), "success"
    )
    return redirect(url_for("experiences.show", experience_id=experience.id, _anchor="helpful"))
