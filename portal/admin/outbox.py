"""Admin: the outbox (queued, sent, failed, bounced emails), retries and bounced addresses.

The blueprint already sends visitors to the login page and members to a 403;
each view still asks its own question, so moving it elsewhere keeps it safe.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.admin import bp
from portal.core import pagination
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import can_manage_alliance, require
from portal.notifications import outbox_admin
from portal.notifications.bounces import bounce_limit, reset_bounces
from portal.notifications.models import MailBounce, OutboxEmail
from portal.notifications.sanitize import clean_header

EMAILS_PER_PAGE = 50


@bp.route("/outbox")
def outbox():
    """The outbox by status, newest first, searchable by address; bounced addresses."""
    require(can_manage_alliance(current_user))
    status = request.args.get("status") or None
    if status is not None and status not in outbox_admin.STATUS_FILTERS:
        abort(400)
    # One printable line: PostgreSQL refuses a NUL byte in a query parameter.
    search = clean_header(request.args.get("q") or "", outbox_admin.SEARCH_MAX)
    page = db.paginate(
        outbox_admin.outbox_query(status, search),
        page=pagination.page_number(),
        per_page=EMAILS_PER_PAGE,
        error_out=True,
    )
    return render_template(
        "admin/outbox.html",
        page=page,
        status=status,
        search=search,
        counts=outbox_admin.status_counts(),
        retryable=outbox_admin.RETRYABLE,
        bounces=outbox_admin.bounced_addresses(),
        bounce_limit=bounce_limit(),
    )


def _back_to_list():
    """Back to the list the administrator was reading (filter, search, page)."""
    kept = {key: request.form[key] for key in ("status", "q", "page") if request.form.get(key)}
    return redirect(url_for("admin.outbox", **kept))


@bp.route("/outbox/<int:email_id>/retry", methods=["POST"])
def retry_email(email_id: int):
    """Queue a failed or bounced email again."""
    require(can_manage_alliance(current_user))
    email = db.get_or_404(OutboxEmail, email_id)
    if outbox_admin.retry(email, utcnow()):
        db.session.commit()
        flash(_("The email to %(address)s is queued again.", address=email.recipient), "success")
    else:
        flash(_("Only failed or bounced emails can be sent again."), "info")
    return _back_to_list()


@bp.route("/outbox/bounces/<int:bounce_id>/reset", methods=["POST"])
def reset_bounce(bounce_id: int):
    """Forget the bounces of an address (the member fixed their mailbox)."""
    require(can_manage_alliance(current_user))
    bounce = db.get_or_404(MailBounce, bounce_id)
    address = bounce.address
    reset_bounces(address)
    db.session.commit()
    flash(_("Emails to %(address)s will be tried again.", address=address), "success")
    return _back_to_list()
