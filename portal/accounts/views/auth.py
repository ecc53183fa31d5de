"""Register, confirm, log in and out, reset a forgotten password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy.exc import IntegrityError

from portal.accounts import bp, services
from portal.accounts.forms import EmailForm, LoginForm, RegisterForm, ResetPasswordForm
from portal.accounts.logins import end_login
from portal.accounts.tokens import InvalidToken
from portal.accounts.views.helpers import begin_second_step, start_login
from portal.core.extensions import db, limiter
from portal.core.security import keep_token_private, safe_next_url

#: Session key of the page to return to once the address is confirmed (set by register()).
AFTER_CONFIRMATION = "after_confirmation"


def auth_limit():
    """The rate limit of authentication forms, read per request so tests and ops can change it."""
    return current_app.config["RATELIMIT_AUTH"]


def flash_invalid_link(error: InvalidToken) -> None:
    """Say why an emailed link did not work."""
    if error.expired:
        flash(_("This link has expired. Ask for a new one below."), "error")
    else:
        flash(_("This link is not valid or was already used. Ask for a new one below."), "error")


def login_account_limit():
    """The per-account limit on failed logins, read per request like auth_limit."""
    return current_app.config["RATELIMIT_LOGIN_ACCOUNT"]


def login_account_key() -> str:
    """Rate-limit key of login attempts: the address typed, known or not (no enumeration)."""
    return "login-account:" + services.normalize_email(request.form.get("email"))[:254]


def login_failed(response) -> bool:
    """A failed login shows the form again (200); success and the code step redirect."""
    return response.status_code == 200


@bp.route("/auth/login", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
@limiter.limit(
    login_account_limit, key_func=login_account_key, methods=["POST"], deduct_when=login_failed
)
def login():
    """Log in with email and password; unknown address and wrong password read the same."""
    form = LoginForm(next=request.args.get("next", ""))
    target = safe_next_url(form.next.data) or url_for("site.home")
    if current_user.is_authenticated and request.method == "GET":
        return redirect(target)
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None and user.has_two_factor:  # not logged in yet: the code comes next
            begin_second_step(user, remember=form.remember.data)
            next_page = safe_next_url(form.next.data)
            return redirect(url_for("accounts.two_factor_login", next=next_page))
        if user is not None:
            start_login(user, remember=form.remember.data)
            db.session.commit()
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(target)
        form.form_errors.append(_("Wrong email address or password."))
    return render_template("accounts/login.html", form=form)


@bp.route("/auth/logout", methods=["POST"])
def logout():
    """End this login for real: its cookies, replayed, are refused afterwards."""
    if current_user.is_authenticated:
        if current_user.current_login is not None:
            end_login(current_user.current_login)
            db.session.commit()
        logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("site.home"))


@bp.route("/auth/register", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def register():
    """Create an account; a taken address gets the same answer (its owner is emailed)."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.profile"))
    target = safe_next_url(request.args.get("next"))
    if target:  # e.g. an invitation page: the confirmation link leads back to it (confirm())
        session[AFTER_CONFIRMATION] = target
    form = RegisterForm()
    if form.validate_on_submit():
        fields = {
            "email": form.email.data,
            "display_name": form.display_name.data,
            "password": form.password.data,
            "locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
        }
        try:
            services.register(**fields)
            db.session.commit()
        except IntegrityError:  # a twin registration won the race: its owner is told instead
            db.session.rollback()
            services.register(**fields)
            db.session.commit()
        return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/register.html", form=form)


@bp.route("/auth/check-inbox")
def check_inbox():
    """The answer to every "email me a link" form, whatever the address."""
    return render_template("accounts/check_inbox.html")


@bp.route("/auth/confirm/<token>")
def confirm(token: str):
    """Confirm an address from the emailed link."""
    try:
        _user, confirmed_now = services.confirm_email(token)
    except InvalidToken as error:
        flash_invalid_link(error)
        return redirect(url_for("accounts.resend_confirmation"))
    db.session.commit()
    if confirmed_now:
        flash(_("Your email address is confirmed. Thank you!"), "success")
    else:
        flash(_("Your email address was already confirmed."), "success")
    target = safe_next_url(session.pop(AFTER_CONFIRMATION, None))
    if current_user.is_authenticated:
        return redirect(target or url_for("site.home"))
    return redirect(url_for("accounts.login", next=target) if target else url_for("accounts.login"))


@bp.route("/auth/confirm/resend", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def resend_confirmation():
    """Email a new confirmation link; the same answer whatever the address."""
    form = EmailForm()
    if request.method == "GET" and current_user.is_authenticated:
        form.email.data = current_user.email
    if form.validate_on_submit():
        services.resend_confirmation(form.email.data)
        db.session.commit()
        return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/resend.html", form=form)


@bp.route("/auth/reset", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def reset_request():
    """Ask for a password reset link; the same answer whatever the address."""
    form = EmailForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/auth/reset/<token>", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
def reset_password(token: str):
    """Choose a new password from a single-use link; every login of the account ends."""
    try:
        user = services.user_for_reset(token)
    except InvalidToken as error:
        flash_invalid_link(error)
        return redirect(url_for("accounts.reset_request"))
    form = ResetPasswordForm()
    form.personal_details = (user.email, user.display_name)
    if form.validate_on_submit():
        services.reset_password(token, form.password.data)
        db.session.commit()
        logout_user()  # whoever was logged in on this browser, that login has ended
        flash(_("Your password is changed. You can log in with it now."), "success")
        return redirect(url_for("accounts.login"))
    response = current_app.make_response(
        render_template("accounts/reset_password.html", form=form, token=token)
    )
    return keep_token_private(response)  # the token is in the URL
