"""Pages of resources shared by allies: share, my resources, edit, report, moderation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core import uploads
from portal.core.extensions import db
from portal.core.permissions import (
    can_edit_shared_resource,
    can_moderate_resources,
    can_report_resource,
    can_share_resource,
    require,
)
from portal.materials import bp, sharing
from portal.materials.constants import QUEUE_PER_PAGE
from portal.materials.models import Material
from portal.materials.sharing_forms import (
    NO_ORGANISATION,
    DeclineResourceForm,
    PublishResourceForm,
    ReportResourceForm,
    ShareResourceForm,
)
from portal.materials.views import page_number, visible_material
from portal.spaces.views.helpers import me


def shared_fields(form: ShareResourceForm, organisations) -> sharing.SharedFields:
    """The form's description of a shared resource (the organisation among the offered)."""
    chosen = next((o for o in organisations if o.id == form.organisation.data), None)
    return sharing.SharedFields(
        title=form.title.data,
        description=form.description.data or "",
        themes=tuple(form.themes.data or ()),
        fundamentals=tuple(form.fundamentals.data or ()),
        language=form.language.data or None,
        organisation=chosen,
        visibility=form.visibility.data,
    )


def share_page(form: ShareResourceForm, material: Material | None):
    """The sharing or editing page, with the upload size limit in its hint."""
    limit = uploads.max_upload_bytes()
    return render_template(
        "materials/share.html",
        form=form,
        material=material,
        max_size=uploads.format_size(limit) if limit else "",
    )


def _paginated(query):
    """One page of `query` (QUEUE_PER_PAGE), a 404 past the last page."""
    number = page_number()
    page = db.paginate(query, page=number, per_page=QUEUE_PER_PAGE, error_out=False)
    if number > 1 and number > page.pages:
        abort(404)
    return page


@bp.route("/resources/share", methods=["GET", "POST"])
@login_required
def share():
    """Share a file or a link with the alliance; it waits for a moderator."""
    if not can_share_resource(current_user):
        # Not a 403 page alone: say what opens the door (signing the charter).
        return render_template("materials/share_needs_charter.html"), 403
    organisations = sharing.creditable_organisations(me())
    form = ShareResourceForm(organisations=organisations)
    if form.validate_on_submit():
        material = sharing.share_resource(
            me(),
            shared_fields(form, organisations),
            upload=form.file.data if form.has_file else None,
            url=None if form.has_file else form.url.data,
        )
        db.session.commit()
        flash(
            _("Thank you! Your resource waits for a moderator; you will be told by email."),
            "success",
        )
        return redirect(url_for("materials.show", material_id=material.id))
    return share_page(form, None)


@bp.route("/resources/mine")
@login_required
def my_resources():
    """The resources I shared, whatever their state, with the reasons of those declined."""
    return render_template(
        "materials/mine.html",
        page=_paginated(sharing.mine_query(me())),
        can_share=can_share_resource(current_user),
    )


@bp.route("/resources/<int:material_id>/edit", methods=["GET", "POST"])
@login_required
def edit_resource(material_id: int):
    """Its author edits a shared resource; the edit goes back through moderation."""
    material = visible_material(material_id)
    require(can_edit_shared_resource(current_user, material))
    organisations = sharing.creditable_organisations(me())
    if material.organisation is not None and material.organisation not in organisations:
        organisations.append(material.organisation)  # keep what was credited
    form = ShareResourceForm(organisations=organisations, material=material)
    if request.method == "GET":
        form.title.data = material.title
        form.description.data = material.description
        form.url.data = material.url
        form.visibility.data = material.visibility
        form.themes.data = material.theme_keys
        form.fundamentals.data = [f.key for f in material.fundamentals]
        form.language.data = material.language or "fr"
        form.organisation.data = material.organisation_id or NO_ORGANISATION
    if form.validate_on_submit():
        sharing.update_resource(
            material,
            shared_fields(form, organisations),
            upload=form.file.data if form.has_file else None,
            url=form.url.data if material.is_link else None,
        )
        db.session.commit()
        flash(_("Saved. Your resource waits for a moderator again."), "success")
        return redirect(url_for("materials.show", material_id=material.id))
    return share_page(form, material)


@bp.route("/resources/<int:material_id>/report", methods=["GET", "POST"])
@login_required
def report_resource(material_id: int):
    """Tell the moderators what is wrong with a published resource."""
    material = visible_material(material_id)
    require(can_report_resource(current_user, material))
    form = ReportResourceForm()
    if form.validate_on_submit():
        try:
            sharing.report_resource(material, me(), form.reason.data)
        except sharing.AlreadyReported as refusal:
            db.session.rollback()
            flash(str(refusal), "info")
        else:
            db.session.commit()
            flash(_("Thank you: the moderators will look at this resource."), "success")
        return redirect(url_for("materials.show", material_id=material_id))
    return render_template("materials/report.html", form=form, material=material)


# --- moderation ----------------------------------------------------------------------------


@bp.route("/resources/moderation")
@login_required
def moderation():
    """The resources waiting for a moderator, and the published ones someone reported."""
    require(can_moderate_resources(current_user))
    page = _paginated(sharing.queue_query())
    reported = sharing.reported_resources()
    return render_template(
        "materials/moderation.html",
        page=page,
        reported=reported,
        reports=sharing.reports_of(list(page.items) + reported),
    )


@bp.route("/resources/<int:material_id>/publish", methods=["POST"])
@login_required
def publish_resource(material_id: int):
    """Publish a waiting resource in the library; its author is told by email."""
    require(can_moderate_resources(current_user))
    material = db.get_or_404(Material, material_id)
    if PublishResourceForm().validate_on_submit():
        try:
            sharing.publish_resource(material, me())
        except sharing.NotWaiting as refusal:
            db.session.rollback()
            flash(str(refusal), "warning")
        else:
            db.session.commit()
            flash(_("“%(title)s” is published in the library.", title=material.title), "success")
    return redirect(url_for("materials.moderation"))


@bp.route("/resources/<int:material_id>/decline", methods=["GET", "POST"])
@login_required
def decline_resource(material_id: int):
    """Say why a resource is declined; its author is told by email."""
    require(can_moderate_resources(current_user))
    material = db.get_or_404(Material, material_id)
    if not material.is_shared_resource or material.is_declined:
        flash(_("This resource is no longer waiting for this decision."), "warning")
        return redirect(url_for("materials.moderation"))
    form = DeclineResourceForm()
    if form.validate_on_submit():
        try:
            sharing.decline_resource(material, me(), form.reason.data)
        except sharing.NotWaiting as refusal:
            db.session.rollback()
            flash(str(refusal), "warning")
        else:
            db.session.commit()
            declined = _("“%(title)s” is declined; its author was told why.", title=material.title)
            flash(declined, "success")
        return redirect(url_for("materials.moderation"))
    return render_template("materials/decline.html", form=form, material=material)
