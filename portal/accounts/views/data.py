"""Your personal data: download it all, or delete your account."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from portal.accounts import bp
from portal.accounts.forms import DeleteAccountForm
from portal.accounts.personal import delete_account as erase_account
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.personal_data import export_sections


def to_json(value):
    """What json cannot write by itself, from any domain's section."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)  # Decimal, UUID, lazy strings


@bp.route("/account/export")
@login_required
def export_data():
    """Download everything the portal holds about you, as a JSON file."""
    user = current_user._get_current_object()
    now = utcnow()
    document = {
        "portal": current_app.config["PORTAL_NAME"],
        "exported_at": now.isoformat(),
        "sections": export_sections(user),
    }
    response = current_app.response_class(
        json.dumps(document, ensure_ascii=False, indent=2, default=to_json),
        mimetype="application/json",
    )
    filename = f"maillage-my-data-{now:%Y-%m-%d}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    """Delete your account after re-entering your password; contributions stay, anonymous."""
    user = current_user._get_current_object()
    form = DeleteAccountForm()
    form.account = user
    if form.validate_on_submit():
        erase_account(user)
        db.session.commit()
        logout_user()
        flash(_("Your account is deleted. Thank you for your time with the alliance."), "success")
        return redirect(url_for("site.home"))
    return render_template("accounts/delete.html", form=form)
