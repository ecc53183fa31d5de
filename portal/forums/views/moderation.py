"""Moderation views: pin, lock, move; hide and unhide posts; flags and the queue."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.extensions import db
from portal.core.permissions import (
    can_flag_post,
    can_moderate_forum,
    can_moderate_thread,
    require,
)
from portal.forums import bp, moderation, queries
from portal.forums.forms import MoveForm, ReasonForm
from portal.forums.views.helpers import (
    DB_ID,
    post_url,
    signed_in_action,
    thread_url,
    visible_post,
    visible_thread,
)
from portal.spaces.views.helpers import me, visible_space

#: URL word -> (service, its argument) for the thread toggles.
TOGGLES = {
    "pin": (moderation.set_pinned, True),
    "unpin": (moderation.set_pinned, False),
    "lock": (moderation.set_locked, True),
    "unlock": (moderation.set_locked, False),
}


@bp.route(f"/threads/<{DB_ID}:thread_id>/<any(pin, unpin, lock, unlock):action>", methods=["POST"])
@signed_in_action
def toggle(thread_id: int, action: str):
    """Pin or unpin, lock or unlock a thread."""
    thread = visible_thread(thread_id)
    require(can_moderate_thread(current_user, thread))
    service, value = TOGGLES[action]
    service(thread, value)
    db.session.commit()
    flash(_("The thread is updated."), "success")
    return redirect(thread_url(thread))


@bp.route(f"/threads/<{DB_ID}:thread_id>/move", methods=["GET", "POST"])
@login_required
def move(thread_id: int):
    """Move a thread to another space whose forum the moderator also manages."""
    thread = visible_thread(thread_id)
    require(can_moderate_thread(current_user, thread))
    spaces = queries.spaces_to_move_to(me(), thread)
    form = MoveForm(spaces=spaces)
    if form.validate_on_submit():
        target = next(s for s in spaces if s.id == form.space.data)
        moderation.move_thread(thread, target)
        db.session.commit()
        flash(_("The thread is moved to “%(title)s”.", title=target.title), "success")
        return redirect(thread_url(thread))
    return render_template("forums/move.html", thread=thread, form=form, spaces=spaces)


@bp.route(f"/posts/<{DB_ID}:post_id>/flag", methods=["GET", "POST"])
@login_required
def flag(post_id: int):
    """Report a post to the moderators, with a reason."""
    post = visible_post(post_id)
    require(can_flag_post(current_user, post))
    if moderation.has_flagged(me(), post):
        flash(_("You have already reported this message."), "info")
        return redirect(post_url(post))
    form = ReasonForm()
    if form.validate_on_submit():
        moderation.flag_post(post, me(), form.reason.data)
        db.session.commit()
        flash(_("Thank you: the moderators will look at this message."), "success")
        return redirect(post_url(post))
    return render_template("forums/reason.html", post=post, form=form, action="flag")


@bp.route(f"/posts/<{DB_ID}:post_id>/hide", methods=["GET", "POST"])
@login_required
def hide(post_id: int):
    """Hide a post (or keep hidden one that flags hid) with a reason shown to its author."""
    post = visible_post(post_id)
    require(can_moderate_thread(current_user, post.thread))
    if post.is_deleted:
        abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        moderation.hide_post(post, me(), form.reason.data)
        db.session.commit()
        flash(_("The message is hidden; its author sees your reason."), "success")
        return redirect(post_url(post))
    return render_template("forums/reason.html", post=post, form=form, action="hide")


@bp.route(f"/posts/<{DB_ID}:post_id>/<any(unhide, dismiss):action>", methods=["POST"])
@signed_in_action
def unhide(post_id: int, action: str):
    """Show a hidden post again ("unhide"), or dismiss its flags ("dismiss")."""
    post = visible_post(post_id)
    require(can_moderate_thread(current_user, post.thread))
    if post.is_deleted:
        abort(404)
    if action == "unhide":
        moderation.unhide_post(post)
    else:
        moderation.dismiss_flags(post)
    db.session.commit()
    if post.is_hidden:
        flash(_("The reports are dismissed; the message stays hidden."), "success")
    else:
        flash(_("The message is visible."), "success")
    return redirect(post_url(post))


@bp.route("/spaces/<slug>/forum/moderation")
@login_required
def moderation_queue(slug: str):
    """The space's reported posts awaiting a moderator's decision."""
    space = visible_space(slug)
    require(can_moderate_forum(current_user, space))
    return render_template("forums/moderation.html", space=space, queue=moderation.queue(space))
