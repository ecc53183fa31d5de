"""The member's email pages: preferences, the "my address works again" reset, unsubscribe."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.errors import render_error
from portal.core.extensions import csrf, db
from portal.notifications import bp
from portal.notifications.bounces import bounce_of, reset_bounces
from portal.notifications.forms import NotificationsForm
from portal.notifications.preferences import (
    CATEGORY_LABELS,
    CHOICE_KEYS,
    preferences_of,
    save_choices,
    timing_changed,
    turn_off,
)
from portal.notifications.unsubscribe import member_of_token, read_token

#: Where the "my address works again" button may send the member back to.
RETURN_PAGES = {"profile": "accounts.profile", "preferences": "notifications.preferences"}


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    """Choose which optional emails you receive, and how often."""
    user = current_user._get_current_object()
    stored = preferences_of(user)
    form = NotificationsForm(**{key: stored[key] for key in CHOICE_KEYS})
    if form.validate_on_submit():
        digest_changed = save_choices(user, **{key: form[key].data for key in CHOICE_KEYS})
        if digest_changed:
            timing_changed(user)
        db.session.commit()
        flash(_("Your email preferences are saved."), "success")
        return redirect(url_for("notifications.preferences"))
    return render_template(
        "notifications/preferences.html", form=form, bounce=bounce_of(user.email)
    )


@bp.route("/account/notifications/address-works", methods=["POST"])
@login_required
def address_works():
    """Forget the bounces of your address, so optional emails are tried again."""
    if reset_bounces(current_user.email):
        db.session.commit()
        flash(_("We will send emails to %(email)s again.", email=current_user.email), "success")
    back = RETURN_PAGES.get(request.form.get("back", ""), "notifications.preferences")
    return redirect(url_for(back))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """Stop one category of emails from the link in an email: no login needed.

    The signed token is the protection, so the route is exempt from CSRF: mail
    clients send the RFC 8058 one-click POST (`List-Unsubscribe=One-Click`) without
    any cookie or form token. A bad signature changes nothing and answers 404. An
    account deleted since gets the same answers as a live one (no enumeration).
    """
    payload = read_token(token)
    if payload is None:
        return render_error(
            404, _("This unsubscribe link is not valid. Copy the whole link from the email.")
        )
    user_id, category = payload
    label = CATEGORY_LABELS.get(category)
    if label is None:  # ACCOUNT mail carries no unsubscribe link
        return render_error(404)
    if request.method == "GET":
        return render_template("notifications/unsubscribe.html", token=token, label=label)
    user = member_of_token(user_id)
    if user is not None and not user.is_deleted:
        turn_off(user, category)
        db.session.commit()
    return render_template("notifications/unsubscribed.html", label=label)
