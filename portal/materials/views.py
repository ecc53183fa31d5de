"""Material pages: a space's materials, posting, one material, its download, edit, delete."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core import pagination, uploads
from portal.core.extensions import db, login_manager
from portal.core.permissions import (
    can_download_material,
    can_edit_material,
    can_moderate_resources,
    can_post_material,
    can_share_material_publicly,
    is_signed_in,
    require,
)
from portal.materials import bp, services
from portal.materials.constants import MATERIALS_PER_PAGE, UPLOAD_DOMAIN
from portal.materials.forms import NO_MEETING, MaterialForm
from portal.materials.models import Material, Visibility
from portal.meetings.models import Meeting
from portal.meetings.times import format_moment
from portal.spaces.views.helpers import me, visible_space

#: Beyond this, a page number is nonsense rather than a deep link (and would cost an OFFSET).
MAX_PAGE = 10_000


def visible_material(material_id: int) -> Material:
    """The material if the viewer may see it: visitors log in first, others get a 404.

    A 404 rather than a 403, like private spaces: a material of a cohort does not
    reveal that it exists.
    """
    material = db.get_or_404(Material, material_id)
    if not can_download_material(current_user, material):
        if not is_signed_in(current_user):
            abort(login_manager.unauthorized())
        abort(404)
    return material


def page_number() -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    return pagination.page_number("page", MAX_PAGE)


def meeting_choices(space) -> list[tuple[int, str]]:
    """(id, "title — date") of the space's sessions, for the form's select."""
    locale = str(get_locale() or "fr")
    choices = []
    for meeting in services.space_meetings(space):
        label = f"{meeting.title} — {format_moment(meeting.starts_at, space.timezone, locale)}"
        if meeting.is_cancelled:
            label = _("%(session)s (cancelled)", session=label)
        choices.append((meeting.id, label))
    return choices


def visibility_keys(space, material: Material | None = None) -> list[str]:
    """What the viewer may choose: "public" only for facilitators and administrators."""
    keys = [v.value for v in Visibility] if space is not None else ["allies", "public"]
    if not can_share_material_publicly(current_user, space):
        keys.remove("public")
    if material is not None and material.visibility not in keys:
        keys.append(material.visibility)  # keep what a facilitator chose
    return keys


def fields_of(form: MaterialForm, space) -> services.MaterialFields:
    """The form's description of a material."""
    meeting = None
    if form.meeting.data != NO_MEETING:  # one of the space's sessions: the choices say so
        meeting = db.session.get(Meeting, form.meeting.data)
    return services.MaterialFields(
        title=form.title.data,
        description=form.description.data or "",
        theme=form.theme.data or None,
        visibility=form.visibility.data,
        meeting=meeting,
    )


def form_page(form: MaterialForm, space, material: Material | None):
    """The posting or editing page, with the upload size limit in its hint."""
    limit = uploads.max_upload_bytes()
    return render_template(
        "materials/form.html",
        form=form,
        space=space,
        material=material,
        max_size=uploads.format_size(limit) if limit else "",
    )


@bp.route("/spaces/<slug>/materials")
@login_required
def space_materials(slug: str):
    """The materials of a space that the viewer may see, newest first."""
    space = visible_space(slug)
    number = page_number()
    page = db.paginate(
        services.space_materials_query(space, me()),
        page=number,
        per_page=MATERIALS_PER_PAGE,
        error_out=False,
    )
    if number > 1 and number > page.pages:
        abort(404)
    return render_template("materials/space.html", space=space, page=page)


@bp.route("/spaces/<slug>/materials/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """Post a file or a link in a space, optionally for one of its sessions."""
    space = visible_space(slug)
    require(can_post_material(current_user, space))
    form = MaterialForm(meetings=meeting_choices(space), visibilities=visibility_keys(space))
    meeting_id = pagination.plain_number(request.args.get("meeting"))
    if request.method == "GET" and meeting_id is not None:
        form.meeting.data = meeting_id
    if form.validate_on_submit():
        material = services.post_material(
            space,
            me(),
            fields_of(form, space),
            upload=form.file.data if form.has_file else None,
            url=None if form.has_file else form.url.data,
        )
        db.session.commit()
        flash(_("The material was posted."), "success")
        return redirect(url_for("materials.show", material_id=material.id))
    return form_page(form, space, None)


@bp.route("/materials/<int:material_id>")
def show(material_id: int):
    """One material: what it is, who posted it where, and its download or link."""
    material = visible_material(material_id)
    named = services.spaces_named_for(current_user, [material])
    return render_template("materials/show.html", material=material, names_space=bool(named))


@bp.route("/materials/<int:material_id>/download")
def download(material_id: int):
    """The file, after the permission check, as an attachment never rendered in the page."""
    material = visible_material(material_id)
    if not material.is_file:
        abort(404)
    return uploads.send_stored(
        UPLOAD_DOMAIN,
        material.stored_name,
        download_name=material.display_name,
        content_type=material.content_type,
    )


@bp.route("/materials/<int:material_id>/edit", methods=["GET", "POST"])
@login_required
def edit(material_id: int):
    """Edit a material's description, session, theme and audience; replace its file."""
    material = visible_material(material_id)
    require(can_edit_material(current_user, material))
    if material.is_shared_resource and not can_moderate_resources(current_user):
        # Its author's edits go back through moderation (sharing_views.edit_resource).
        return redirect(url_for("materials.edit_resource", material_id=material.id))
    space = material.space
    form = MaterialForm(
        meetings=meeting_choices(space) if space else [],
        visibilities=visibility_keys(space, material),
        material=material,
    )
    if request.method == "GET":
        form.title.data = material.title
        form.description.data = material.description
        form.url.data = material.url
        form.meeting.data = material.meeting_id or NO_MEETING
        form.theme.data = material.theme or ""
        form.visibility.data = material.visibility
    if form.validate_on_submit():
        services.update_material(
            material,
            fields_of(form, space),
            upload=form.file.data if form.has_file else None,
            url=form.url.data if material.is_link else None,
        )
        db.session.commit()
        flash(_("The material was saved."), "success")
        return redirect(url_for("materials.show", material_id=material.id))
    return form_page(form, space, material)


@bp.route("/materials/<int:material_id>/delete", methods=["POST"])
@login_required
def delete(material_id: int):
    """Delete a material and, once that is committed, its file."""
    material = visible_material(material_id)
    require(can_edit_material(current_user, material))
    space, experience_id = material.space, material.experience_id
    services.delete_material(material)
    db.session.commit()
    flash(_("The material was deleted."), "success")
    if experience_id is not None:  # an experience's attachment: back to the experience
        return redirect(url_for("experiences.show", experience_id=experience_id))
    if space is not None:
        return redirect(url_for("materials.space_materials", slug=space.slug))
    return redirect(url_for("materials.library"))
