"""The forum machinery gives each contribution its comment thread (no space), as it gives
experiences their discussion; core.permissions asks us who may read and post in it."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from portal.forums import services as forums


def open_thread(contribution, author) -> int:
    """Open the contribution's comment thread; its id."""
    with force_locale(getattr(author, "locale", None) or "fr"):
        body = _("Comments on the contribution “%(title)s”.", title=contribution.title)
    thread = forums.create_thread(
        author=author, title=contribution.title[:200], body=body, space=None
    )
    return thread.id
