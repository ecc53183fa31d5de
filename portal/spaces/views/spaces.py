"""Listing, showing, creating, editing, archiving and restoring spaces."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from portal.core.extensions import db
from portal.core.permissions import (
    can_administer_spaces,
    can_archive_space,
    can_edit_space,
    can_restore_space,
    can_see_space_members,
    require,
)
from portal.core.uploads import send_stored
from portal.spaces import bp, invitations, page, queries, services, visits
from portal.spaces.constants import COVER_PALETTE, MEMBERS_ON_SPACE_PAGE, SPACES_PER_PAGE
from portal.spaces.forms import SpaceForm
from portal.spaces.views.helpers import checked_page, login_then, me, page_number, visible_space

#: Colour -> CSS key, for the swatches of the cover choice.
SWATCHES = {colour: key for colour, (key, _label) in COVER_PALETTE.items()}


@bp.route("/spaces", endpoint="list")
@login_required
def list_spaces():
    """Your spaces, then the communities you could join; private cohorts never show."""
    show = request.args.get("show", "all")
    if show not in queries.LISTING_FILTERS:
        abort(404)
    number = page_number()
    user = me()
    spaces = checked_page(
        db.paginate(
            queries.listing_query(user, show),
            page=number,
            per_page=SPACES_PER_PAGE,
            error_out=False,
        ),
        number,
    )
    return render_template(
        "spaces/list.html",
        page=spaces,
        show=show,
        roles=queries.roles_of(user, spaces.items),
        counts=queries.member_counts(spaces.items),
        pending=[(i, invitations.make_token(i)) for i in invitations.pending_for(user)],
    )


@bp.route("/spaces/manage")
@login_required
def manage():
    """Every space, archived ones included, for administrators."""
    require(can_administer_spaces(current_user))
    number = page_number()
    spaces = checked_page(
        db.paginate(queries.manage_query(), page=number, per_page=SPACES_PER_PAGE, error_out=False),
        number,
    )
    return render_template(
        "spaces/manage.html", page=spaces, counts=queries.member_counts(spaces.items)
    )


def _create(form: SpaceForm):
    """A new space from the form, with its cover image if one was sent."""
    space = services.create_space(me(), **form.space_fields())
    if form.has_cover_image:
        services.set_cover_image(space, form.cover_image.data)
    return space


@bp.route("/spaces/new", methods=["GET", "POST"])
@login_required
def add():
    """Create a cohort or a learning community."""
    require(can_administer_spaces(current_user))
    form = SpaceForm()
    if form.validate_on_submit():
        try:
            space = _create(form)
            db.session.commit()
        except IntegrityError:  # another space took the same slug in between: take the next
            db.session.rollback()
            space = _create(form)
            db.session.commit()
        flash(_("The space “%(title)s” is created.", title=space.title), "success")
        return redirect(url_for("spaces.show", slug=space.slug))
    return render_template("spaces/form.html", form=form, space=None, palette=SWATCHES)


@bp.route("/spaces/<slug>")
@login_required
def show(slug: str):
    """A space: its description, next sessions, latest materials and, for members, its people."""
    space = visible_space(slug)
    user = me()
    people = None
    if can_see_space_members(user, space):
        people = queries.space_people(space, MEMBERS_ON_SPACE_PAGE)
    due = visits.visit_is_due(user, space)
    body = render_template(
        "spaces/show.html",
        space=space,
        people=people,
        sessions=page.upcoming_sessions(space),
        materials=page.latest_materials(space, user),
        threads=page.latest_threads(space, user),
    )
    if due:  # the member's home counts what is new since this visit
        visits.note_visit(user.id, space.id)
        db.session.commit()
    return body


@bp.route("/spaces/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    """Edit a space's title, description, kind, zone, dates and cover."""
    space = visible_space(slug)
    require(can_edit_space(current_user, space))
    form = SpaceForm(obj=space)
    if form.validate_on_submit():
        services.update_space(space, **form.space_fields())
        if form.has_cover_image:
            services.set_cover_image(space, form.cover_image.data)
        elif form.remove_cover_image.data:
            services.remove_cover_image(space)
        db.session.commit()
        flash(_("The space is saved."), "success")
        return redirect(url_for("spaces.show", slug=space.slug))
    return render_template("spaces/form.html", form=form, space=space, palette=SWATCHES)


@bp.route("/spaces/<slug>/archive", methods=["POST"])
@login_then("spaces.show")
def archive(slug: str):
    """Archive a space: read-only from now on, and out of the listings."""
    space = visible_space(slug)
    require(can_archive_space(current_user, space))
    services.archive_space(space)
    db.session.commit()
    flash(_("The space is archived: it is read-only and no longer listed."), "success")
    return redirect(url_for("spaces.show", slug=space.slug))


@bp.route("/spaces/<slug>/restore", methods=["POST"])
@login_then("spaces.show")
def restore(slug: str):
    """Bring an archived space back into use."""
    space = visible_space(slug)
    require(can_restore_space(current_user, space))
    services.restore_space(space)
    db.session.commit()
    flash(_("The space is restored."), "success")
    return redirect(url_for("spaces.show", slug=space.slug))


@bp.route("/spaces/<slug>/cover")
@login_required
def cover(slug: str):
    """The cover image of a space, for those who may see the space."""
    space = visible_space(slug)
    if not space.cover_image:
        abort(404)
    return send_stored(
        services.COVER_DOMAIN,
        space.cover_image,
        download_name=f"{space.slug}-cover",
        content_type=space.cover_image_type or "application/octet-stream",
    )
