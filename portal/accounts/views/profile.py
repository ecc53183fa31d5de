"""The profile pages: details and preferences, password, email address, active logins."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, logout_user
from sqlalchemy.exc import IntegrityError

from portal.accounts import bp, services
from portal.accounts.forms import ChangeEmailForm, ChangePasswordForm, ProfileForm
from portal.accounts.logins import active_logins, end_all_logins, end_login
from portal.accounts.models import LoginSession
from portal.accounts.tokens import InvalidToken
from portal.accounts.views.auth import flash_invalid_link
from portal.accounts.views.helpers import start_login
from portal.core.extensions import db
from portal.core.permissions import can_end_login, require
from portal.notifications.bounces import bounce_of


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


@bp.route("/account/", methods=["GET", "POST"])
@login_required
def profile():
    """Your details and preferences, and the devices logged in to your account."""
    user = me()
    form = ProfileForm(obj=user, organisations=services.organisation_choices())
    if form.validate_on_submit():
        services.update_profile(user, **{name: form[name].data for name in services.PROFILE_FIELDS})
        db.session.commit()
        session["locale"] = user.locale
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html",
        form=form,
        logins=active_logins(user),
        bounce=bounce_of(user.email),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change your password; every other login of the account ends."""
    user = me()
    form = ChangePasswordForm()
    form.account = user
    form.personal_details = (user.email, user.display_name)
    if form.validate_on_submit():
        remember = bool(user.current_login and user.current_login.is_remembered)
        two_factor = bool(user.current_login and user.current_login.two_factor_verified)
        services.set_password(user, form.password.data)
        # A fresh login for this browser only, as verified as the one it replaces.
        start_login(user, remember=remember, two_factor=two_factor)
        db.session.commit()
        flash(_("Your password is changed. Your other devices are logged out."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/password.html", form=form)


@bp.route("/account/email", methods=["GET", "POST"])
@login_required
def change_email():
    """Ask to move your account to another address (done when the emailed link is opened)."""
    user = me()
    form = ChangeEmailForm()
    form.account = user
    if form.validate_on_submit():
        services.request_email_change(user, form.email.data)
        db.session.commit()
        flash(
            _(
                "We sent a link to %(email)s. Your address will change when you open it.",
                email=form.email.data,
            ),
            "success",
        )
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/email.html", form=form)


@bp.route("/account/email/confirm/<token>")
def confirm_email_change(token: str):
    """Complete an address change from the link sent to the new address."""
    try:
        user = services.confirm_email_change(token)
    except InvalidToken as error:
        flash_invalid_link(error)
        return redirect(url_for("accounts.change_email"))
    except services.EmailTaken:
        flash(_("This address is already used by another account."), "error")
        return redirect(url_for("accounts.change_email"))
    try:
        db.session.commit()
    except IntegrityError:  # taken by a registration since the check
        db.session.rollback()
        flash(_("This address is already used by another account."), "error")
        return redirect(url_for("accounts.change_email"))
    flash(_("Your email address is now %(email)s.", email=user.email), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/account/logins")
@login_required
def logins():
    """The devices logged in to your account."""
    return render_template("accounts/logins.html", logins=active_logins(me()))


@bp.route("/account/logins/<int:login_id>/end", methods=["POST"])
@login_required
def end_one_login(login_id: int):
    """Log one of your devices out (403 for someone else's login)."""
    login = db.get_or_404(LoginSession, login_id)
    require(can_end_login(current_user, login))
    is_this_device = login.id == current_user.current_login.id
    end_login(login)
    db.session.commit()
    if is_this_device:
        logout_user()
        flash(_("You are logged out."), "success")
        return redirect(url_for("accounts.login"))
    flash(_("That device is logged out."), "success")
    return redirect(url_for("accounts.logins"))


@bp.route("/account/logins/end-others", methods=["POST"])
@login_required
def end_other_logins():
    """Log out every device but this one (CSRF is checked for every POST by CSRFProtect)."""
    count = end_all_logins(me(), except_login=current_user.current_login)
    db.session.commit()
    flash(ngettext("%(num)d device logged out.", "%(num)d devices logged out.", count), "success")
    return redirect(url_for("accounts.logins"))
