"""Notifications: the outbox, email rendering and delivery."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)


def enqueue(**kwargs):
    """Add an email to the outbox (see services.enqueue)."""
    from portal.notifications.services import enqueue as _enqueue

    return _enqueue(**kwargs)


from portal.notifications import views  # noqa: E402, F401
