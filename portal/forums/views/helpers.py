"""What the forum views share: loading a thread or a post the viewer may see, POST guards."""

from __future__ import annotations

import functools

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from portal.core.extensions import db, login_manager
from portal.core.permissions import can_see_thread, is_signed_in
from portal.forums.models import Post, Thread

#: A database id in a URL: a larger number is a 404, not an integer overflow in PostgreSQL.
DB_ID = "int(max=2147483647)"


def visible_thread(thread_id: int) -> Thread:
    """The thread if the viewer may see it; 404 otherwise (private spaces stay private)."""
    # Its space comes with it: the permission check and every thread page read it.
    thread = db.session.get(Thread, thread_id, options=[joinedload(Thread.space)])
    if thread is None or not can_see_thread(current_user, thread):
        abort(404)
    return thread


def visible_post(post_id: int) -> Post:
    """The post if the viewer may see its thread; 404 otherwise."""
    post = db.session.get(Post, post_id)
    if post is None or not can_see_thread(current_user, post.thread):
        abort(404)
    return post


def thread_url(thread: Thread, **values) -> str:
    """The thread's page (first page unless told)."""
    return url_for("forums.thread", thread_id=thread.id, **values)


def post_url(post: Post) -> str:
    """The permanent link of a post (it redirects to the right page and anchor)."""
    return url_for("forums.post", post_id=post.id)


def signed_in_action(view):
    """`login_required` for a POST action: a visitor logs in, then lands on the forum
    page the action came from (a login cannot replay a POST)."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        if not is_signed_in(current_user):
            flash(str(login_manager.login_message), login_manager.login_message_category)
            if "thread_id" in kwargs:
                back = url_for("forums.thread", thread_id=kwargs["thread_id"])
            elif "post_id" in kwargs:
                back = url_for("forums.post", post_id=kwargs["post_id"])
            else:
                back = url_for("forums.forum", slug=kwargs["slug"])
            return redirect(url_for("accounts.login", next=back))
        return view(**kwargs)

    return wrapped
