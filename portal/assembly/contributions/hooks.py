"""The forum machinery gives each contribution its comment thread (no space), as it gives
experiences their discussion; core.permissions asks us who may read and post in it."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.core.extensions import db
from portal.forums import services as forums
from portal.forums.models import Thread


def contribution_path(contribution) -> str:
    """The contribution page's path, without a request (the thread's first post links it)."""
    return current_app.url_map.bind("").build(
        "assembly.contribution",
        {"year": contribution.edition.year, "contribution_id": contribution.id},
    )


def open_thread(contribution, author) -> int:
    """Open the contribution's comment thread, its first post linking back; its id."""
    with force_locale(getattr(author, "locale", None) or "fr"):
        body = _("Comments on the contribution “%(title)s”.", title=contribution.title)
        body += f"\n\n[{_('Read the contribution')}]({contribution_path(contribution)})"
    thread = forums.create_thread(
        author=author, title=contribution.title[:200], body=body, space=None
    )
    return thread.id


def rename_thread(contribution) -> None:
    """The thread follows the contribution's title when its author changes it."""
    if contribution.thread_id is not None:
        thread = db.session.get(Thread, contribution.thread_id)
        if thread is not None:
            thread.title = contribution.title[:200]
