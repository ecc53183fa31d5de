"""Budgets of the forums' list pages: a forum, a thread, the moderation queue, the move form."""

from __future__ import annotations

import pytest

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.forums.constants import POSTS_PER_PAGE, THREADS_PER_PAGE
from portal.forums.models import Post, PostFlag
from tests import factories
from tests.budgets.helpers import Page, add_rows, members, more_than_a_page, space, threads


def more_threads(world):
    """Pages of threads in the cohort, each by its own author and with a reply."""
    threads(space(world.args["slug"]), more_than_a_page(THREADS_PER_PAGE))


def more_posts(world):
    """Pages of replies to the world's thread, each by a different member, some hidden."""
    cohort = space(world.args["slug"])
    thread_id = world.args["thread_id"]
    authors = members(cohort, more_than_a_page(POSTS_PER_PAGE))
    add_rows(
        [
            Post(
                thread_id=thread_id,
                author_id=author.id,
                body="x",
                body_html="<p>x</p>",
                hidden_at=utcnow() if n % 10 == 0 else None,
            )
            for n, author in enumerate(authors)
        ]
    )


def a_flag(world):
    """The world's reply is reported once, so that the queue lists one post."""
    flag_posts(world, [world.args["post_id"]], reporters=1)


def flag_posts(world, post_ids, reporters: int) -> None:
    """Each of `post_ids` reported by `reporters` different members of the cohort."""
    cohort = space(world.args["slug"])
    flaggers = members(cohort, reporters)
    add_rows(
        [
            PostFlag(post_id=post_id, user_id=u.id, reason="spam")
            for post_id in post_ids
            for u in flaggers
        ]
    )


def more_flags(world):
    """Many reported posts, in many threads by many authors, each reported by two people."""
    made = threads(space(world.args["slug"]), 20, replies=1)
    with factories.context():
        post_ids = [
            post_id
            for thread in made
            for post_id in db.session.scalars(db.select(Post.id).where(Post.thread_id == thread.id))
        ]
    flag_posts(world, post_ids, reporters=2)


def more_spaces_to_move_to(world):
    """Many spaces the facilitator moderates: the move form lists them all."""
    facilitator = world.people["facilitator"]
    for _ in range(30):
        factories.membership(factories.space(), facilitator, role="facilitator")


PAGES = {
    "forums.forum": Page("m", "/spaces/{slug}/forum", more_threads, 8),
    "forums.forum (facilitator)": Page("f", "/spaces/{slug}/forum", more_threads, 8),
    "forums.thread (member)": Page("m", "/threads/{thread_id}", more_posts, 10, warm_up=True),
    "forums.thread (facilitator)": Page("f", "/threads/{thread_id}", more_posts, 10, warm_up=True),
    "forums.moderation_queue": Page(
        "f", "/spaces/{slug}/forum/moderation", more_flags, 5, setup=a_flag
    ),
    "forums.move": Page("f", "/threads/{thread_id}/move", more_spaces_to_move_to, 5),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
