"""The administration dashboard: counts and links."""

from flask import current_app, render_template
from sqlalchemy import func, select

from portal.admin import bp
from portal.alliance.models import Signature, SignatureStatus
from portal.alliance.services import alliance_counts
from portal.core.extensions import db
from portal.notifications.models import OutboxEmail, OutboxStatus


def _count(query) -> int:
    """The number of rows of a count query."""
    return db.session.scalar(query) or 0


def _open_messages() -> int | None:
    """Open contact messages, when the site domain provides its counter."""
    try:
        from portal.site.services import count_open_messages
    except ImportError:
        return None
    return count_open_messages()


@bp.route("/")
def index():
    """What needs an administrator now, and the alliance in numbers."""
    pending = _count(
        select(func.count(Signature.id)).where(Signature.status == SignatureStatus.PENDING.value)
    )
    failed_emails = _count(
        select(func.count(OutboxEmail.id)).where(OutboxEmail.status == OutboxStatus.FAILED.value)
    )
    return render_template(
        "admin/index.html",
        counts=alliance_counts(),
        pending=pending,
        failed_emails=failed_emails,
        open_messages=_open_messages(),
        has_messages="admin.messages" in current_app.view_functions,
    )
