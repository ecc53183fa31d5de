"""Home, language switcher, legal pages and the health check."""

from datetime import date

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.alliance.constants import ORGANISATION_KINDS
from portal.alliance.services import alliance_counts
from portal.core.extensions import csrf, db, limiter
from portal.core.i18n import is_supported_locale
from portal.core.permissions import is_signed_in
from portal.core.security import safe_next_url
from portal.site import bp, services
from portal.site.forms import CONTACT_TOPICS, ContactForm
from portal.site.home import member_home

#: When the accessibility statement was written; update it with each new audit.
STATEMENT_DATE = date(2026, 11, 27)
#: When the privacy notice was last changed.
PRIVACY_UPDATED = date(2026, 11, 27)


@bp.route("/")
def home():
    """A visitor: what the alliance is, how many allies, and where to start. A signed-in
    person: what comes next for them (portal.site.home)."""
    if is_signed_in(current_user):
        return render_template(
            "site/member_home.html", home=member_home(current_user._get_current_object())
        )
    return render_template(
        "site/home.html",
        counts=alliance_counts(),
        ally_since=None,
        organisation_kinds=ORGANISATION_KINDS,
    )


@bp.route("/language", methods=["POST"])
def set_language():
    """Switch the interface language (and remember it on the profile)."""
    code = request.form.get("language")
    if not is_supported_locale(code):
        abort(400, _("Unknown language."))
    session["locale"] = code
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("site.home"))


@bp.route("/accessibilite", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_AUTH"], methods=["POST"])
def accessibility():
    """The accessibility statement, with the form to report a problem."""
    form = ContactForm()
    if request.method == "GET" and is_signed_in(current_user):
        form.name.data = current_user.display_name
        form.email.data = current_user.email
    if form.validate_on_submit():
        services.send_contact_message(
            name=form.name.data,
            email=form.email.data,
            topic=form.topic.data,
            page_url=form.page_url.data or "",
            body=form.body.data,
            user=current_user if is_signed_in(current_user) else None,
        )
        db.session.commit()
        flash(_("Thank you: your message was sent to the administrators."), "success")
        # "#top" (HTML spec) scrolls back to the flash message: without a fragment of its
        # own, the redirect would keep the form's "#contact" and hide the message.
        return redirect(url_for("site.accessibility", _anchor="top"))
    return render_template(
        "site/accessibility.html",
        form=form,
        topics=CONTACT_TOPICS,
        statement_date=STATEMENT_DATE,
    )


@bp.route("/confidentialite")
def privacy():
    """The privacy notice (GDPR)."""
    return render_template(
        "site/privacy.html",
        updated=PRIVACY_UPDATED,
        remember_days=current_app.config["REMEMBER_COOKIE_DURATION"].days,
        export_url=url_for("accounts.export_data"),
    )


@bp.route("/healthz")
@csrf.exempt
def healthz():
    """Liveness and database check for load balancers and monitoring."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
