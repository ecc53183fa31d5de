"""Attaching files and links to an experience, through the materials domain.

An attachment is a Material with `experience_id` set: stored and checked by
portal.core.uploads, shown, downloaded, edited and deleted by the materials
pages, and seen by whoever sees the experience (permissions.can_download_material).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import SubmitField

from portal.core import uploads
from portal.core.extensions import db
from portal.experiences import bp, hooks
from portal.experiences.views import editable_experience, me
from portal.materials import services as materials
from portal.materials.forms import MaterialForm


class AttachmentForm(MaterialForm):
    """A file or a link for an experience: a material without session, theme or audience."""

    meeting = None
    theme = None
    visibility = None
    submit = SubmitField(_l("Attach"))

    def __init__(self, *args, **kwargs):
        FlaskForm.__init__(self, *args, **kwargs)  # MaterialForm's own set-up needs a space
        self.material = None


def attach(experience, poster, form: AttachmentForm):
    """Post the form's file or link as an attachment of `experience` (its visibility)."""
    fields = materials.MaterialFields(
        title=form.title.data,
        description=form.description.data or "",
        visibility=experience.visibility,
    )
    material = materials.post_material(
        None,
        poster,
        fields,
        upload=form.file.data if form.has_file else None,
        url=None if form.has_file else form.url.data,
    )
    material.experience_id = experience.id
    db.session.flush()
    hooks.index_material(material)  # indexed by post_material before it had its experience
    return material


@bp.route("/experiences/<int:experience_id>/attachments/new", methods=["GET", "POST"])
@login_required
def attach_file(experience_id: int):
    """Attach a file or a link to an experience (its writers only)."""
    experience = editable_experience(experience_id)
    form = AttachmentForm()
    if form.validate_on_submit():
        attach(experience, me(), form)
        db.session.commit()
        flash(_("The attachment was added."), "success")
        return redirect(
            url_for("experiences.show", experience_id=experience.id, _anchor="attachments")
        )
    limit = uploads.max_upload_bytes()
    return render_template(
        "experiences/attach.html",
        form=form,
        experience=experience,
        max_size=uploads.format_size(limit) if limit else "",
    )
