"""Two-factor login pages: the code step of a login, the setup page, and the rule that
administrators and facilitators use it.

A two-step login: after a correct password (auth.login) the person is not logged
in yet. The session holds a signed, 10-minute proof of the password step (user
id, "remember me", a fingerprint of the password so a reset in between voids
it); /auth/two-factor asks for the code, then opens the login like the password
step would have (start_login), marked as verified by a second factor.
"""

from __future__ import annotations

import secrets

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, logout_user

from portal.accounts import bp, emails, twofactor
from portal.accounts.forms import DisableTwoFactorForm, TwoFactorCodeForm, TwoFactorLoginForm
from portal.accounts.logins import end_login
from portal.accounts.models import User
from portal.accounts.views.auth import auth_limit
from portal.accounts.views.helpers import (
    PENDING,
    begin_second_step,
    pending_login,
    pending_payload,
    start_login,
)
from portal.core.extensions import db, limiter
from portal.core.security import safe_next_url

#: Session key of the nonce the secret being set up derives from, until a code confirms it.
SETUP = "two_factor_setup"

#: Pages a person who must set up two-factor login can still open: the setup itself,
#: logging out, the language switch, the legal pages, the health check and static files.
OPEN_WHILE_REQUIRED = frozenset(
    {
        "static",
        "accounts.two_factor",
        "accounts.two_factor_login",
        "accounts.logout",
        "site.set_language",
        "site.privacy",
        "site.accessibility",
        "site.healthz",
    }
)


def two_factor_limit():
    """The per-account limit on code attempts, read per request like auth_limit."""
    return current_app.config["RATELIMIT_TWO_FACTOR"]


def account_key() -> str:
    """Rate-limit key of code attempts: the account, whichever address they come from."""
    if current_user.is_authenticated:
        return f"two-factor-account:{current_user.id}"
    payload = pending_payload()
    if payload is not None:
        return f"two-factor-account:{payload['uid']}"
    return f"two-factor-address:{get_remote_address()}"


def wrong_code(field) -> None:
    """One message for every wrong code: nothing tells a used code from a mistyped one."""
    field.errors.append(
        _("This code is not valid. Type the current code of your app, or a recovery code.")
    )


# --- the code step of a login ---------------------------------------------------------


def code_refused(response) -> bool:
    """A refused code shows the form again (200); a login redirects."""
    return response.status_code == 200


@bp.route("/auth/two-factor", methods=["GET", "POST"])
@limiter.limit(auth_limit, methods=["POST"])
@limiter.limit(two_factor_limit, key_func=account_key, methods=["POST"], deduct_when=code_refused)
def two_factor_login():
    """Second step of a login: a code from the app, or a recovery code."""
    target = safe_next_url(request.args.get("next"))
    pending = pending_login()
    if pending is None:
        session.pop(PENDING, None)
        if current_user.is_authenticated:
            return redirect(target or url_for("site.home"))
        flash(_("Please log in again: the login was not completed in time."), "info")
        return redirect(url_for("accounts.login", next=target))
    user, remember = pending
    form = TwoFactorLoginForm()
    if form.validate_on_submit():
        proof = twofactor.check_code(user, form.code.data)
        if proof:
            session.pop(PENDING, None)
            start_login(user, remember=remember, two_factor=True)
            db.session.commit()
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            if proof.recovery:
                flash_recovery_codes_left(user)
            return redirect(target or url_for("site.home"))
        db.session.rollback()
        wrong_code(form.code)
    return render_template("accounts/two_factor_login.html", form=form, next=target)


def flash_recovery_codes_left(user: User) -> None:
    """After a recovery code: how many remain, and where to make new ones."""
    left = twofactor.recovery_codes_left(user)
    flash(
        ngettext(
            "You used a recovery code: %(num)d is left. Make new ones from the two-factor page.",
            "You used a recovery code: %(num)d are left. Make new ones from the two-factor page.",
            left,
        ),
        "info",
    )


# --- required for administrators and facilitators -----------------------------------


@bp.before_app_request
def require_two_factor():
    """Administrators and facilitators use the portal only with a login verified by a code.

    Without two-factor login set up, every page leads to the setup page. With it set up
    but a login that never gave a code (opened before the setup, on another device),
    that login ends and the code step is asked. A login that gave a code costs no query.
    """
    if request.endpoint in OPEN_WHILE_REQUIRED or request.endpoint is None:
        return None
    if not current_app.config["TWO_FACTOR_REQUIRED_ROLES"] or not current_user.is_authenticated:
        return None
    login = current_user.current_login
    if login is None or login.two_factor_verified:
        return None
    user = current_user._get_current_object()
    if not twofactor.is_required(user):
        return None
    next_page = safe_next_url(request.full_path) if request.method == "GET" else None
    if user.has_two_factor:
        end_login(login)
        db.session.commit()
        logout_user()
        begin_second_step(user, remember=login.is_remembered)
        return redirect(url_for("accounts.two_factor_login", next=next_page))
    flash(
        _(
            "Administrators and facilitators must use two-factor login. "
            "Set it up below to continue."
        ),
        "info",
    )
    return redirect(url_for("accounts.two_factor"))


# --- the setup page ------------------------------------------------------------------


def me() -> User:
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def setup_secret(user: User) -> str:
    """The secret being set up for `user` in this browser; a new one on first view.

    The session keeps a random nonce, not the secret (twofactor.setup_secret).
    """
    nonce = session.get(SETUP)
    if not isinstance(nonce, str) or len(nonce) > 64:
        nonce = session[SETUP] = secrets.token_urlsafe(16)
    return twofactor.setup_secret(user, nonce)


def show_recovery_codes(codes: list[str]):
    """The recovery codes page: shown once, never stored by a browser or proxy."""
    response = current_app.make_response(
        render_template("accounts/two_factor_codes.html", codes=codes)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def render_status(codes_form=None, disable_form=None):
    """The page of an account with two-factor login on: new codes, turning it off."""
    user = me()
    return render_template(
        "accounts/two_factor.html",
        codes_form=codes_form or TwoFactorCodeForm(prefix="codes"),
        disable_form=disable_form or DisableTwoFactorForm(prefix="disable"),
        codes_left=twofactor.recovery_codes_left(user),
        required=twofactor.is_required(user),
    )


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
@limiter.limit(two_factor_limit, key_func=account_key, methods=["POST"])
def two_factor():
    """Set up two-factor login (QR code, then a code to confirm), or see its state."""
    user = me()
    if user.has_two_factor:
        return render_status()
    secret = setup_secret(user)
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        codes = twofactor.enable(user, secret, form.code.data)
        if codes is not None:
            session.pop(SETUP, None)
            user.current_login.two_factor_verified = True  # this login just gave a code
            emails.send_two_factor_changed(user, enabled=True)
            db.session.commit()
            flash(_("Two-factor login is on."), "success")
            return show_recovery_codes(codes)
        wrong_code(form.code)
    uri = twofactor.provisioning_uri(user, secret)
    return render_template(
        "accounts/two_factor_setup.html",
        form=form,
        qr_code=twofactor.qr_code_svg(uri, _("QR code to scan with your authenticator app")),
        secret=twofactor.grouped(secret),
        required=twofactor.is_required(user),
    )


@bp.route("/account/two-factor/recovery-codes", methods=["POST"])
@login_required
@limiter.limit(two_factor_limit, key_func=account_key, methods=["POST"])
def new_recovery_codes():
    """Replace the recovery codes (the old ones stop working); needs a code from the app."""
    user = me()
    if not user.has_two_factor:
        return redirect(url_for("accounts.two_factor"))
    form = TwoFactorCodeForm(prefix="codes")
    if form.validate_on_submit():
        if twofactor.check_totp(user, form.code.data):
            codes = twofactor.new_recovery_codes(user)
            db.session.commit()
            flash(_("Your new recovery codes are ready; the old ones no longer work."), "success")
            return show_recovery_codes(codes)
        db.session.rollback()
        form.code.errors.append(_("This code is not valid. Type the current code of your app."))
    return render_status(codes_form=form)


@bp.route("/account/two-factor/disable", methods=["POST"])
@login_required
@limiter.limit(two_factor_limit, key_func=account_key, methods=["POST"])
def disable_two_factor():
    """Turn two-factor login off, with the password and a code; not for required roles."""
    user = me()
    if not user.has_two_factor:
        return redirect(url_for("accounts.two_factor"))
    if twofactor.is_required(user):
        flash(
            _("Administrators and facilitators cannot turn two-factor login off."),
            "error",
        )
        return redirect(url_for("accounts.two_factor"))
    form = DisableTwoFactorForm(prefix="disable")
    form.account = user
    if form.validate_on_submit():
        if twofactor.check_code(user, form.code.data):
            twofactor.disable(user)
            emails.send_two_factor_changed(user, enabled=False)
            db.session.commit()
            flash(_("Two-factor login is off."), "success")
            return redirect(url_for("accounts.two_factor"))
        db.session.rollback()
        wrong_code(form.code)
    return render_status(disable_form=form)
