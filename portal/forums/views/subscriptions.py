"""Following and muting a thread or a whole space forum (POST buttons)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.core.extensions import db
from portal.core.permissions import can_subscribe_to_forum, can_subscribe_to_thread, require
from portal.forums import bp, subscriptions
from portal.forums.views.helpers import DB_ID, signed_in_action, thread_url, visible_thread
from portal.spaces.views.helpers import me, visible_space

#: URL word -> stored level (None forgets the choice) and the confirmation shown.
CHOICES = {
    "follow": ("follow", _l("You follow it: new messages reach you as your preferences say.")),
    "mute": ("mute", _l("You muted it: its new messages will not reach you.")),
    "reset": (None, _l("Your choice is removed.")),
}


def _choice(choice: str):
    """The level and message of a URL word; 404 for anything else."""
    if choice not in CHOICES:
        abort(404)
    return CHOICES[choice]


@bp.route(f"/threads/<{DB_ID}:thread_id>/subscription/<choice>", methods=["POST"])
@signed_in_action
def thread_subscription(thread_id: int, choice: str):
    """Follow, mute or reset a thread."""
    thread = visible_thread(thread_id)
    require(can_subscribe_to_thread(current_user, thread))
    level, message = _choice(choice)
    subscriptions.set_level(me(), level, thread=thread)
    db.session.commit()
    flash(str(message), "success")
    return redirect(thread_url(thread))


@bp.route("/spaces/<slug>/forum/subscription/<choice>", methods=["POST"])
@signed_in_action
def forum_subscription(slug: str, choice: str):
    """Follow, mute or reset a whole space forum."""
    space = visible_space(slug)
    require(can_subscribe_to_forum(current_user, space))
    level, message = _choice(choice)
    subscriptions.set_level(me(), level, space=space)
    db.session.commit()
    flash(str(message), "success")
    return redirect(url_for("forums.forum", slug=space.slug))
