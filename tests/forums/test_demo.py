"""The demo discussions: present in each demo space, and seeding twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.core.extensions import db
from portal.forums.demo import DEMO_THREADS, seed_forums_demo
from portal.forums.models import Post, Thread
from portal.notifications.models import OutboxEmail
from portal.site.cli import seed_spaces_demo


def test_seeding_twice_gives_the_same_discussions_and_sends_nothing(app):
    with app.app_context():
        seed_spaces_demo()
        db.session.commit()
        threads = db.session.scalar(select(func.count(Thread.id)))
        posts = db.session.scalar(select(func.count(Post.id)))
        assert threads == sum(len(items) for items in DEMO_THREADS.values())
        assert posts >= 2 * threads
        assert seed_forums_demo() == 0
        db.session.commit()
        assert db.session.scalar(select(func.count(Post.id))) == posts
        assert db.session.scalar(select(func.count(OutboxEmail.id))) == 0
