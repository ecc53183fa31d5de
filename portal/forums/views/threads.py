"""A space's forum, starting a thread, a thread's pages, replying, quoting, editing, deleting."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core import pagination
from portal.core.extensions import db
from portal.core.permissions import (
    can_delete_post,
    can_edit_post,
    can_post_in_thread,
    can_see_hidden_post,
    can_start_thread,
    require,
)
from portal.forums import bp, queries, services, subscriptions
from portal.forums.constants import POSTS_PER_PAGE, THREADS_PER_PAGE
from portal.forums.forms import MARKDOWN_HINT, EditPostForm, PostForm, ThreadForm
from portal.forums.views.helpers import (
    DB_ID,
    post_url,
    signed_in_action,
    thread_url,
    visible_post,
    visible_thread,
)
from portal.spaces.views.helpers import checked_page, me, page_number, visible_space


@bp.route("/spaces/<slug>/forum")
@login_required
def forum(slug: str):
    """A space's threads: pinned first, then by latest activity, unread ones marked."""
    space = visible_space(slug)
    number = page_number()
    page = checked_page(
        db.paginate(
            queries.threads_query(space), page=number, per_page=THREADS_PER_PAGE, error_out=False
        ),
        number,
    )
    user = me()
    return render_template(
        "forums/forum.html",
        space=space,
        page=page,
        unread=queries.unread_ids(user, page.items),
        level=subscriptions.level_of(user, space=space),
    )


@bp.route("/spaces/<slug>/forum/new", methods=["GET", "POST"])
@login_required
def new_thread(slug: str):
    """Start a thread in a space's forum."""
    space = visible_space(slug)
    require(can_start_thread(current_user, space))
    form = ThreadForm()
    if form.validate_on_submit():
        thread = services.create_thread(
            author=me(), title=form.title.data, body=form.body.data, space=space
        )
        queries.mark_all_read(me(), thread)
        db.session.commit()
        flash(_("Your thread is started."), "success")
        return redirect(thread_url(thread))
    return render_template("forums/new.html", space=space, form=form)


def quoted(thread, raw: str | None) -> str:
    """The reply's starting text when quoting a post: its Markdown, each line after "> "."""
    if raw is None:
        return ""
    post_id = pagination.plain_number(raw)
    if post_id is None:
        abort(404)
    post = db.session.get(services.Post, post_id)
    if post is None or post.thread_id != thread.id or not post.is_visible:
        return ""
    author = post.author.public_name if post.author else _("Former member")
    lines = [_("%(name)s wrote:", name=author)]
    lines += post.body.splitlines()
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"


def render_thread(thread, number: int, form: PostForm):
    """A page of a thread, with the reply form; the viewer's read mark moves on."""
    page = checked_page(
        db.paginate(
            queries.posts_query(thread), page=number, per_page=POSTS_PER_PAGE, error_out=False
        ),
        number,
    )
    user = me()
    body = render_template(
        "forums/thread.html",
        thread=thread,
        space=thread.space,
        page=page,
        form=form,
        flagged=queries.flagged_by(user, page.items),
        level=subscriptions.level_of(user, thread=thread),
        may_reply=can_post_in_thread(user, thread),
    )
    queries.mark_read(user, thread, page.items)
    db.session.commit()
    return body


@bp.route(f"/threads/<{DB_ID}:thread_id>")
@login_required
def thread(thread_id: int):
    """A page of a thread (50 posts); ?quote=<post id> fills the reply with a quotation."""
    thread = visible_thread(thread_id)
    form = PostForm()
    if can_post_in_thread(current_user, thread):
        form.body.data = quoted(thread, request.args.get("quote"))
    return render_thread(thread, page_number(), form)


@bp.route(f"/threads/<{DB_ID}:thread_id>/reply", methods=["POST"])
@signed_in_action
def reply(thread_id: int):
    """Reply to a thread; the reply's permanent link is where the browser goes next."""
    thread = visible_thread(thread_id)
    require(can_post_in_thread(current_user, thread))
    form = PostForm()
    if not form.validate_on_submit():
        last = max(1, -(-db.session.scalar(services.count_posts(thread)) // POSTS_PER_PAGE))
        return render_thread(thread, last, form)
    post = services.add_post(thread, me(), form.body.data)
    queries.mark_all_read(me(), thread)
    db.session.commit()
    flash(_("Your reply is posted."), "success")
    return redirect(post_url(post))


@bp.route(f"/posts/<{DB_ID}:post_id>")
@login_required
def post(post_id: int):
    """A post's permanent link: its thread's page, at its anchor."""
    post = visible_post(post_id)
    number = services.page_of_post(post)
    values = {"page": number} if number > 1 else {}
    return redirect(thread_url(post.thread, _anchor=f"post-{post.id}", **values))


@bp.route(f"/posts/<{DB_ID}:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    """Authors change the text of their post; it shows as edited, with the time."""
    post = visible_post(post_id)
    require(can_edit_post(current_user, post))
    form = EditPostForm(data={"body": post.body} if request.method == "GET" else None)
    if form.validate_on_submit():
        services.edit_post(post, me(), form.body.data)
        db.session.commit()
        flash(_("Your message is saved."), "success")
        return redirect(post_url(post))
    return render_template("forums/edit.html", post=post, thread=post.thread, form=form)


@bp.route(f"/posts/<{DB_ID}:post_id>/delete", methods=["POST"])
@signed_in_action
def delete_post(post_id: int):
    """Authors delete their post: a "message deleted" placeholder keeps its place."""
    post = visible_post(post_id)
    require(can_delete_post(current_user, post))
    services.delete_post(post)
    db.session.commit()
    flash(_("Your message is deleted."), "success")
    return redirect(post_url(post))


def post_state(post) -> str:
    """How a post shows to the viewer: "visible", "deleted", "hidden" or "hidden-shown"."""
    if post.is_deleted:
        return "deleted"
    if post.is_hidden:
        return "hidden-shown" if can_see_hidden_post(current_user, post) else "hidden"
    return "visible"


@bp.app_context_processor
def forum_helpers():
    """Templates ask how a post shows."""
    return {"forum_post_state": post_state, "markdown_hint": MARKDOWN_HINT}
