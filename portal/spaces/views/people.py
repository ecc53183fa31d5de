"""The people of a space: its member list, facilitators, joining and leaving communities."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts.models import User
from portal.accounts.services import find_user_by_email
from portal.core.extensions import db
from portal.core.permissions import (
    can_appoint_facilitators,
    can_join_space,
    can_leave_space,
    can_see_space_members,
    is_space_member,
    require,
)
from portal.spaces import bp, queries, services
from portal.spaces.constants import MEMBERS_PER_PAGE
from portal.spaces.forms import FacilitatorForm
from portal.spaces.views.helpers import (
    DB_ID,
    checked_page,
    login_then,
    me,
    page_number,
    visible_space,
)


@bp.route("/spaces/<slug>/members")
@login_required
def members(slug: str):
    """Everyone in a space, facilitators first (visible to its members and administrators)."""
    space = visible_space(slug)
    require(can_see_space_members(current_user, space))
    number = page_number()
    people = checked_page(
        db.paginate(
            queries.members_query(space), page=number, per_page=MEMBERS_PER_PAGE, error_out=False
        ),
        number,
    )
    return render_template("spaces/members.html", space=space, page=people)


@bp.route("/spaces/<slug>/facilitators", methods=["GET", "POST"])
@login_required
def facilitators(slug: str):
    """See the facilitators of a space and appoint one among existing accounts."""
    space = visible_space(slug)
    require(can_appoint_facilitators(current_user, space))
    form = FacilitatorForm()
    if form.validate_on_submit():
        user = find_user_by_email(form.email.data)
        if user is None or user.is_deleted:
            form.email.errors.append(_("No account has this address. Ask the person to register."))
        else:
            appointed = services.appoint_facilitator(space, user)
            db.session.commit()
            if appointed:
                flash(_("%(name)s now facilitates this space.", name=user.display_name), "success")
            else:
                flash(_("%(name)s already facilitates this space.", name=user.display_name), "info")
            return redirect(url_for("spaces.facilitators", slug=space.slug))
    current = list(db.session.scalars(queries.facilitators_query(space)))
    return render_template("spaces/facilitators.html", space=space, form=form, current=current)


@bp.route(f"/spaces/<slug>/facilitators/<{DB_ID}:user_id>/remove", methods=["POST"])
@login_then("spaces.facilitators")
def remove_facilitator(slug: str, user_id: int):
    """A facilitator goes back to being a member of the space."""
    space = visible_space(slug)
    require(can_appoint_facilitators(current_user, space))
    user = db.get_or_404(User, user_id)
    if not services.remove_facilitator(space, user):
        abort(404)
    db.session.commit()
    flash(_("%(name)s no longer facilitates this space.", name=user.public_name), "success")
    return redirect(url_for("spaces.facilitators", slug=space.slug))


@bp.route("/spaces/<slug>/join", methods=["POST"])
@login_then("spaces.show")
def join(slug: str):
    """Join a learning community in one click."""
    space = visible_space(slug)
    if is_space_member(current_user, space):
        flash(_("You are already a member of this space."), "info")
        return redirect(url_for("spaces.show", slug=space.slug))
    require(can_join_space(current_user, space))
    services.join(space, me())
    db.session.commit()
    flash(_("Welcome to “%(title)s”.", title=space.title), "success")
    return redirect(url_for("spaces.show", slug=space.slug))


@bp.route("/spaces/<slug>/leave", methods=["POST"])
@login_then("spaces.show")
def leave(slug: str):
    """Leave a learning community in one click."""
    space = visible_space(slug)
    if space.is_community and not space.is_archived and not is_space_member(current_user, space):
        flash(_("You are not a member of this space."), "info")
        return redirect(url_for("spaces.show", slug=space.slug))
    require(can_leave_space(current_user, space))
    services.leave(space, me())
    db.session.commit()
    flash(_("You left “%(title)s”.", title=space.title), "success")
    return redirect(url_for("spaces.list"))
