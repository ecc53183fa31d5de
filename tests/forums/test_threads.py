"""Starting threads, replying, quoting, editing, deleting; the listing and its unread marks."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.core.extensions import db
from portal.forums.models import Post, Thread
from tests import factories
from tests.forums.helpers import forum_with_people, send

# --- refused first -------------------------------------------------------------------


def test_a_thread_without_title_or_message_is_refused_with_errors(login, client):
    forum = forum_with_people()
    login(client, forum["people"]["member"])
    response = send_page(
        client, f"/spaces/{forum['space'].slug}/forum/new", {"title": "", "body": " "}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Give the thread a title." in html and "Write your message." in html


def test_overlong_titles_and_messages_are_form_errors(login, client):
    forum = forum_with_people()
    login(client, forum["people"]["member"])
    response = send_page(
        client,
        f"/spaces/{forum['space'].slug}/forum/new",
        {"title": "t" * 201, "body": "b" * 20_001},
    )
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("field-error") == 2


def test_an_empty_reply_is_refused_and_nothing_is_posted(app, login, client):
    forum = forum_with_people()
    login(client, forum["people"]["member"])
    response = send_page(client, f"/threads/{forum['thread'].id}/reply", {"body": "\x00  "})
    assert response.status_code == 200
    assert "Write your message." in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(select(Thread).where(Thread.id == forum["thread"].id)).post_count == 2
        )


def test_members_cannot_reply_to_a_locked_thread_but_moderators_can(login, as_viewer):
    forum = forum_with_people()
    people = forum["people"]
    send(as_viewer(people["facilitator"]), "POST", f"/threads/{forum['thread'].id}/lock")
    member = as_viewer(people["member"])
    assert (
        send(member, "POST", f"/threads/{forum['thread'].id}/reply", {"body": "x"}).status_code
        == 403
    )
    page = member.get(f"/threads/{forum['thread'].id}").get_data(as_text=True)
    assert "This thread is locked" in page and 'id="reply"' not in page
    moderator = as_viewer(people["facilitator"])
    assert (
        send(moderator, "POST", f"/threads/{forum['thread'].id}/reply", {"body": "x"}).status_code
        == 302
    )


def test_nobody_edits_someone_elses_post(as_viewer):
    forum = forum_with_people()
    admin = as_viewer(forum["people"]["admin"])
    assert (
        send(admin, "POST", f"/posts/{forum['own_post_id']}/edit", {"body": "x"}).status_code == 403
    )


def test_an_archived_space_forum_is_read_only(app, as_viewer):
    forum = forum_with_people(kind="community")
    with app.app_context():
        from portal.core.db import utcnow
        from portal.spaces.models import Space

        db.session.get(Space, forum["space"].id).archived_at = utcnow()
        db.session.commit()
    member = as_viewer(forum["people"]["member"])
    assert (
        send(member, "POST", f"/threads/{forum['thread'].id}/reply", {"body": "x"}).status_code
        == 403
    )
    assert member.get(f"/spaces/{forum['space'].slug}/forum/new").status_code == 403


# --- working cases -------------------------------------------------------------------


def send_page(client, path, form):
    """POST a form and return the response (the page re-rendered or a redirect)."""
    from tests.helpers import post_form

    return post_form(client, path, form)


def test_a_member_starts_a_thread_and_follows_it(app, login, client):
    forum = forum_with_people()
    member = forum["people"]["member"]
    login(client, member)
    response = send_page(
        client,
        f"/spaces/{forum['space'].slug}/forum/new",
        {"title": "Vélos-cargos", "body": "Qui a **essayé** ?"},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h1>Vélos-cargos</h1>" in page and "<strong>essayé</strong>" in page
    assert "You follow this thread." in page


def test_the_forum_lists_pinned_threads_first_then_by_latest_activity(app, login, client):
    space = factories.space(kind="community")
    people = factories.space_people(space)
    old = factories.thread(space, author=people["member"], title="Ancien")
    pinned = factories.thread(space, author=people["member"], title="Épinglé", is_pinned=True)
    newer = factories.thread(space, author=people["member"], title="Récent")
    factories.post(old, people["facilitator"], "Je relance ce fil")  # old is now the latest
    with app.app_context():
        db.session.get(Thread, pinned.id).last_post_at -= timedelta(days=30)
        db.session.commit()
    login(client, people["ally"])
    html = client.get(f"/spaces/{space.slug}/forum").get_data(as_text=True)
    positions = [html.index(title) for title in ("Épinglé", "Ancien", "Récent")]
    assert positions == sorted(positions)
    assert "Pinned" in html
    assert newer.id


def test_reply_counts_and_unread_marks_follow_what_the_member_has_read(login, client):
    forum = forum_with_people(kind="community")
    people = forum["people"]
    login(client, people["ally"])
    listing = f"/spaces/{forum['space'].slug}/forum"
    html = client.get(listing).get_data(as_text=True)
    assert "Unread" in html and "<td>1</td>" in html  # one reply
    client.get(f"/threads/{forum['thread'].id}")
    assert "Unread" not in client.get(listing).get_data(as_text=True)
    factories.post(forum["thread"], people["facilitator"], "Du nouveau")
    assert "Unread" in client.get(listing).get_data(as_text=True)


def test_a_thread_pages_fifty_posts_and_a_permanent_link_finds_the_right_page(app, login, client):
    forum = forum_with_people(kind="community")
    author = forum["people"]["member"]
    with app.app_context():
        thread = db.session.get(Thread, forum["thread"].id)
        for n in range(50):
            db.session.add(
                Post(
                    thread_id=thread.id, author_id=author.id, body=f"n{n}", body_html=f"<p>n{n}</p>"
                )
            )
        db.session.commit()
        last = db.session.scalar(
            select(Post.id).where(Post.thread_id == thread.id).order_by(Post.id.desc())
        )
    login(client, forum["people"]["ally"])
    first = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert first.count('class="forum-post ') == 50
    second = client.get(f"/threads/{thread.id}?page=2").get_data(as_text=True)
    assert second.count('class="forum-post ') == 2
    response = client.get(f"/posts/{last}")
    assert response.headers["Location"] == f"/threads/{thread.id}?page=2#post-{last}"
    response = client.get(f"/posts/{forum['own_post_id']}")
    assert response.headers["Location"] == f"/threads/{thread.id}#post-{forum['own_post_id']}"


def test_quoting_fills_the_reply_with_the_quoted_markdown(login, client):
    forum = forum_with_people()
    factories.post(forum["thread"], forum["replier"], "Ligne une\n\n**Ligne** deux")
    login(client, forum["people"]["member"])
    html = client.get(f"/threads/{forum['thread'].id}?quote={forum['other_post_id'] + 1}").get_data(
        as_text=True
    )
    assert "&gt; Other Member wrote:\n&gt; Ligne une\n&gt;\n&gt; **Ligne** deux" in html
    # A post of another thread quotes nothing.
    factories.thread(forum["space"], author=forum["people"]["member"], body="Ailleurs")
    elsewhere = forum["other_post_id"] + 2  # the other thread's opening post
    html = client.get(f"/threads/{forum['thread'].id}?quote={elsewhere}").get_data(as_text=True)
    assert "Ailleurs" not in html.split('id="reply"')[1]


def test_an_author_edits_a_post_shown_as_edited_and_re_rendered(app, login, client):
    forum = forum_with_people()
    login(client, forum["people"]["member"])
    response = send_page(client, f"/posts/{forum['own_post_id']}/edit", {"body": "Texte *corrigé*"})
    assert response.status_code == 302
    html = client.get(f"/threads/{forum['thread'].id}").get_data(as_text=True)
    assert "<em>corrigé</em>" in html and "edited on" in html
    with app.app_context():
        post = db.session.get(Post, forum["own_post_id"])
        assert post.edited_at is not None and "<em>corrigé</em>" in post.body_html


def test_an_author_deletes_a_post_and_a_placeholder_stays(app, login, client):
    forum = forum_with_people()
    login(client, forum["people"]["member"])
    assert send(client, "POST", f"/posts/{forum['own_post_id']}/delete").status_code == 302
    html = client.get(f"/threads/{forum['thread'].id}").get_data(as_text=True)
    assert "Message deleted." in html and "Texte secret du fil" not in html
    with app.app_context():
        assert db.session.get(Post, forum["own_post_id"]).body == ""
        assert db.session.get(Thread, forum["thread"].id).post_count == 1


def test_the_space_page_shows_the_latest_discussions(login, client):
    forum = forum_with_people()
    login(client, forum["people"]["member"])
    html = client.get(f"/spaces/{forum['space'].slug}").get_data(as_text=True)
    assert "Discussions" in html and "Cantines bio" in html
    assert f"/spaces/{forum['space'].slug}/forum" in html
