"""The lazy-load guard itself: it sees what an N+1 is made of, and not planned loads."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.core.extensions import db
from portal.forums.models import Thread
from tests import factories
from tests.query_budget import recording


def test_a_relationship_read_off_a_listed_object_is_a_lazy_load(app):
    factories.thread(factories.space())
    with app.app_context(), recording(app) as measured:
        thread = db.session.scalars(select(Thread)).one()
        assert thread.author.display_name
    assert measured.lazy_loads == ["Thread.author (relationship loaded one object at a time)"]


def test_an_expired_column_read_again_is_a_lazy_load(app):
    factories.thread(factories.space())
    with app.app_context():
        thread = db.session.scalars(select(Thread)).one()
        db.session.commit()  # expires every loaded object
        with recording(app) as measured:
            assert thread.title
    assert measured.lazy_loads == [
        "Thread columns (deferred or expired, refreshed one object at a time)"
    ]


def test_what_the_query_loads_is_no_lazy_load(app):
    factories.thread(factories.space())
    with app.app_context(), recording(app) as measured:
        thread = db.session.scalars(select(Thread).options(joinedload(Thread.author))).one()
        assert thread.author.display_name
    assert measured.lazy_loads == []
