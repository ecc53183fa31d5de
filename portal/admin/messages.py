"""Admin: messages from the accessibility and contact form.

The blueprint already sends visitors to the login page and members to a 403;
each view still asks its own question, so moving it elsewhere keeps it safe.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.admin import bp
from portal.core import pagination
from portal.core.extensions import db
from portal.core.permissions import can_manage_alliance, require
from portal.site import services
from portal.site.forms import CONTACT_TOPICS
from portal.site.models import ContactMessage

MESSAGES_PER_PAGE = 30
#: Which messages the list shows: "open" (waiting for an answer) or "all".
SHOW_CHOICES = ("open", "all")


@bp.route("/messages")
def messages():
    """The contact messages, those waiting for an answer first, newest first."""
    require(can_manage_alliance(current_user))
    show = request.args.get("show", "open")
    if show not in SHOW_CHOICES:
        abort(400)
    query = select(ContactMessage).order_by(
        ContactMessage.handled_at.is_not(None), ContactMessage.created_at.desc()
    )
    if show == "open":
        query = query.where(ContactMessage.handled_at.is_(None))
    page = db.paginate(
        query, page=pagination.page_number(), per_page=MESSAGES_PER_PAGE, error_out=True
    )
    return render_template(
        "admin/messages.html",
        page=page,
        show=show,
        topics=CONTACT_TOPICS,
        open_count=services.count_open_messages(),
    )


@bp.route("/messages/<int:message_id>/handled", methods=["POST"])
def mark_message_handled(message_id: int):
    """Mark a contact message handled (it leaves the list of open messages)."""
    require(can_manage_alliance(current_user))
    message = db.get_or_404(ContactMessage, message_id)
    if services.mark_handled(message):
        db.session.commit()
        flash(_("The message is marked handled."), "success")
    else:
        flash(_("This message was already handled."), "info")
    return redirect(url_for("admin.messages"))
