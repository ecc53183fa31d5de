"""The forum's pages run a fixed number of queries whatever the number of posts or threads."""

from __future__ import annotations

from portal.core.extensions import db
from portal.forums.models import Post, Thread
from tests import factories


def add_posts(app, thread, count):
    """`count` replies to `thread`, each by a different new member of its space."""
    authors = [factories.user() for _ in range(count)]
    with app.app_context():
        for author in authors:
            db.session.add(
                Post(thread_id=thread.id, author_id=author.id, body="x", body_html="<p>x</p>")
            )
        db.session.commit()


def add_threads(app, space, count):
    """`count` threads in `space`, each opened by a different member (rows only)."""
    authors = [factories.user() for _ in range(count)]
    with app.app_context():
        for n, author in enumerate(authors):
            db.session.add(Thread(space_id=space.id, title=f"Fil {n}", author_id=author.id))
        db.session.commit()


def queries_for(client, count_queries, path) -> int:
    """Statements run to serve `path` (which must answer 200)."""
    with count_queries() as statements:
        response = client.get(path)
    assert response.status_code == 200
    return len(statements)


def test_a_thread_page_of_fifty_posts_by_fifty_authors_runs_as_many_queries_as_one(
    app, login, client, count_queries
):
    space = factories.space()
    people = factories.space_people(space)
    small = factories.thread(space, author=people["member"])
    large = factories.thread(space, author=people["member"])
    add_posts(app, large, 49)  # 50 posts by 50 different authors
    login(client, people["facilitator"])  # a moderator sees every control on every post
    client.get(f"/threads/{small.id}")  # warm-up: read marks exist on both sides
    client.get(f"/threads/{large.id}")
    few = queries_for(client, count_queries, f"/threads/{small.id}")
    many = queries_for(client, count_queries, f"/threads/{large.id}")
    assert many == few
    assert many <= 12


def test_the_threads_list_runs_a_fixed_number_of_queries(app, login, client, count_queries):
    space = factories.space()
    people = factories.space_people(space)
    other = factories.space()
    factories.thread(space, author=people["member"])
    factories.thread(other, author=people["member"])
    login(client, people["member"])
    few = queries_for(client, count_queries, f"/spaces/{space.slug}/forum")
    add_threads(app, space, 24)
    add_threads(app, other, 24)
    many = queries_for(client, count_queries, f"/spaces/{space.slug}/forum")
    assert many == few
    assert many <= 10
