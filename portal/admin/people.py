"""Admin: the people with an account, one person's page, and resetting their two-factor login.

The blueprint already sends visitors to the login page and members to a 403;
each view still asks its own question, so moving it elsewhere keeps it safe.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import services, twofactor
from portal.accounts.logins import active_logins
from portal.accounts.models import User
from portal.admin import bp, people_queries
from portal.admin.forms import LibraryEditorForm, ResetTwoFactorForm
from portal.core import pagination
from portal.core.extensions import db
from portal.core.permissions import can_manage_alliance, can_reset_two_factor, require
from portal.materials import sharing
from portal.notifications.sanitize import clean_header

PEOPLE_PER_PAGE = 50


@bp.route("/people")
def people():
    """Everyone with an account, by name, searchable by name or address, filtered by role."""
    require(can_manage_alliance(current_user))
    show = request.args.get("show") or "all"
    if show not in people_queries.SHOW_CHOICES:
        abort(400)
    # One printable line: PostgreSQL refuses a NUL byte in a query parameter.
    search = clean_header(request.args.get("q") or "", people_queries.SEARCH_MAX)
    page = db.paginate(
        people_queries.people_query(show, search),
        page=pagination.page_number(),
        per_page=PEOPLE_PER_PAGE,
        error_out=True,
    )
    return render_template(
        "admin/people.html",
        page=page,
        show=show,
        search=search,
        facts=people_queries.facts_of([person.id for person in page.items]),
    )


@bp.route("/people/<int:user_id>")
def person(user_id: int):
    """One person: their account, their spaces and roles, their two-factor login."""
    require(can_manage_alliance(current_user))
    person = db.get_or_404(User, user_id)
    return render_template(
        "admin/person.html",
        person=person,
        facts=people_queries.facts_of([person.id])[person.id],
        memberships=people_queries.memberships_of(person),
        open_logins=len(active_logins(person)),
        codes_left=twofactor.recovery_codes_left(person) if person.has_two_factor else 0,
        can_reset=can_reset_two_factor(current_user, person),
    )


@bp.route("/people/<int:user_id>/reset-two-factor", methods=["GET", "POST"])
def reset_two_factor(user_id: int):
    """Say what a reset does, then turn off the two-factor login of someone who lost it."""
    require(can_manage_alliance(current_user))
    person = db.get_or_404(User, user_id)
    back = redirect(url_for("admin.person", user_id=person.id))
    if not can_reset_two_factor(current_user, person):  # their own: no 403, a way to go
        flash(_("You manage your own two-factor login from your account page."), "warning")
        return back
    if not person.has_two_factor:
        flash(
            _(
                "%(name)s does not use two-factor login: there is nothing to reset.",
                name=person.public_name,
            ),
            "info",
        )
        return back
    form = ResetTwoFactorForm()
    if form.validate_on_submit():
        services.reset_two_factor(person)
        db.session.commit()
        flash(
            _(
                "The two-factor login of %(name)s is reset: their logins have ended "
                "and they were told by email.",
                name=person.public_name,
            ),
            "success",
        )
        return back
    return render_template("admin/reset_two_factor.html", form=form, person=person)


@bp.route("/people/<int:user_id>/library-editor", methods=["POST"])
def set_library_editor(user_id: int):
    """Grant or revoke the library editor role: moderating the resources allies share."""
    require(can_manage_alliance(current_user))
    person = db.get_or_404(User, user_id)
    form = LibraryEditorForm()
    if form.validate_on_submit() and not person.is_deleted:
        granted = form.grant.data == "yes"
        sharing.set_library_editor(person, granted)
        db.session.commit()
        message = (
            _("%(name)s is now a library editor.", name=person.public_name)
            if granted
            else _("%(name)s is no longer a library editor.", name=person.public_name)
        )
        flash(message, "success")
    return redirect(url_for("admin.person", user_id=person.id))
