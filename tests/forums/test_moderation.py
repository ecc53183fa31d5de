"""Moderation: pin, lock, hide with a reason, move; members' flags, auto-hiding and the queue."""

from __future__ import annotations

from sqlalchemy import select

from portal.core.extensions import db
from portal.forums.models import Post, PostFlag, Thread
from tests import factories
from tests.forums.helpers import forum_with_people, send


def flaggers(space, count):
    """`count` members of `space`."""
    people = [factories.user() for _ in range(count)]
    for person in people:
        factories.membership(space, person)
    return people


# --- refused first -------------------------------------------------------------------


def test_a_member_cannot_flag_their_own_post_nor_twice(as_viewer, app):
    forum = forum_with_people()
    member = as_viewer(forum["people"]["member"])
    assert member.get(f"/posts/{forum['own_post_id']}/flag").status_code == 403
    path = f"/posts/{forum['other_post_id']}/flag"
    assert send(member, "POST", path, {"reason": "Insultant"}).status_code == 302
    assert send(member, "POST", path, {"reason": "Encore"}).status_code == 302
    with app.app_context():
        assert len(db.session.scalars(select(PostFlag)).all()) == 1


def test_a_flag_needs_a_reason_of_reasonable_length(as_viewer):
    forum = forum_with_people()
    member = as_viewer(forum["people"]["member"])
    path = f"/posts/{forum['other_post_id']}/flag"
    from tests.helpers import post_form

    for reason in ("", "r" * 501):
        response = post_form(member, path, {"reason": reason})
        assert response.status_code == 200 and "field-error" in response.get_data(as_text=True)


def test_a_thread_cannot_move_to_a_space_its_moderator_does_not_manage(as_viewer):
    forum = forum_with_people()
    elsewhere = factories.space()
    facilitator = as_viewer(forum["people"]["facilitator"])
    path = f"/threads/{forum['thread'].id}/move"
    response = send(facilitator, "POST", path, {"space": str(elsewhere.id)})
    assert response.status_code == 200  # re-rendered: not a valid choice
    response = send(facilitator, "POST", path, {"space": "not a number"})
    assert response.status_code == 200


# --- working cases -------------------------------------------------------------------


def test_moderators_pin_and_lock_threads(app, as_viewer):
    forum = forum_with_people()
    facilitator = as_viewer(forum["people"]["facilitator"])
    send(facilitator, "POST", f"/threads/{forum['thread'].id}/pin")
    send(facilitator, "POST", f"/threads/{forum['thread'].id}/lock")
    with app.app_context():
        thread = db.session.get(Thread, forum["thread"].id)
        assert thread.is_pinned and thread.is_locked
    send(facilitator, "POST", f"/threads/{forum['thread'].id}/unpin")
    send(facilitator, "POST", f"/threads/{forum['thread'].id}/unlock")
    with app.app_context():
        thread = db.session.get(Thread, forum["thread"].id)
        assert not thread.is_pinned and not thread.is_locked


def test_a_hidden_post_shows_its_reason_to_its_author_only(as_viewer):
    forum = forum_with_people()
    people = forum["people"]
    path = f"/posts/{forum['own_post_id']}/hide"
    send(as_viewer(people["facilitator"]), "POST", path, {"reason": "Propos blessants"})
    thread = f"/threads/{forum['thread'].id}"
    author_view = as_viewer(people["member"]).get(thread).get_data(as_text=True)
    assert "Propos blessants" in author_view and "Texte secret du fil" in author_view
    other_view = as_viewer(forum["replier"]).get(thread).get_data(as_text=True)
    assert "This message is hidden by the moderators." in other_view
    assert "Propos blessants" not in other_view and "Texte secret du fil" not in other_view
    send(as_viewer(people["admin"]), "POST", f"/posts/{forum['own_post_id']}/unhide")
    assert "Texte secret du fil" in as_viewer(forum["replier"]).get(thread).get_data(as_text=True)


def test_three_flags_hide_a_post_until_a_moderator_dismisses_them(app, as_viewer):
    forum = forum_with_people()
    path = f"/posts/{forum['other_post_id']}/flag"
    first, second, third = flaggers(forum["space"], 3)
    send(as_viewer(first), "POST", path, {"reason": "Spam"})
    send(as_viewer(second), "POST", path, {"reason": "Spam"})
    with app.app_context():
        assert not db.session.get(Post, forum["other_post_id"]).is_hidden
    send(as_viewer(third), "POST", path, {"reason": "Publicité"})
    with app.app_context():
        post = db.session.get(Post, forum["other_post_id"])
        assert post.is_hidden and post.awaits_moderation
        assert db.session.get(Thread, forum["thread"].id).post_count == 1
    moderator = as_viewer(forum["people"]["facilitator"])
    queue = moderator.get(f"/spaces/{forum['space'].slug}/forum/moderation").get_data(as_text=True)
    assert "3 reports" in queue and "Publicité" in queue
    send(moderator, "POST", f"/posts/{forum['other_post_id']}/dismiss")
    with app.app_context():
        assert db.session.get(Post, forum["other_post_id"]).is_visible
    queue = moderator.get(f"/spaces/{forum['space'].slug}/forum/moderation").get_data(as_text=True)
    assert "No reported message awaits a decision." in queue


def test_a_moderator_keeps_a_flagged_post_hidden_with_a_reason(app, as_viewer):
    forum = forum_with_people()
    for person in flaggers(forum["space"], 3):
        send(as_viewer(person), "POST", f"/posts/{forum['other_post_id']}/flag", {"reason": "x"})
    moderator = as_viewer(forum["people"]["admin"])
    path = f"/posts/{forum['other_post_id']}/hide"
    send(moderator, "POST", path, {"reason": "Contraire à la charte"})
    with app.app_context():
        post = db.session.get(Post, forum["other_post_id"])
        assert post.is_hidden and not post.awaits_moderation
        assert post.hidden_reason == "Contraire à la charte"
        assert db.session.scalar(select(PostFlag).where(PostFlag.resolved_at.is_(None))) is None


def test_a_moderator_moves_a_thread_to_another_space_they_facilitate(app, as_viewer):
    forum = forum_with_people()
    target = factories.space(title="Autre cohorte")
    factories.membership(target, forum["people"]["facilitator"], role="facilitator")
    facilitator = as_viewer(forum["people"]["facilitator"])
    page = facilitator.get(f"/threads/{forum['thread'].id}/move").get_data(as_text=True)
    assert "Autre cohorte" in page
    send(facilitator, "POST", f"/threads/{forum['thread'].id}/move", {"space": str(target.id)})
    with app.app_context():
        assert db.session.get(Thread, forum["thread"].id).space_id == target.id
    # The member of the first cohort no longer sees it.
    member = as_viewer(forum["people"]["member"])
    assert member.get(f"/threads/{forum['thread'].id}").status_code == 404
