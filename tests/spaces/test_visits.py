"""A member's last visit to a space: noted when they open it, at most once per quarter hour."""

from __future__ import annotations

from datetime import timedelta

from tests import factories


def _last_visit(space, user):
    from sqlalchemy import select

    from portal.core.extensions import db
    from portal.spaces.models import Membership

    with factories.context():
        return db.session.scalar(
            select(Membership.last_visited_at).where(
                Membership.space_id == space.id, Membership.user_id == user.id
            )
        )


def test_opening_a_space_notes_the_members_visit(client, login_as):
    member = login_as("member")
    space = factories.space()
    factories.membership(space, member)
    assert _last_visit(space, member) is None
    assert client.get(f"/spaces/{space.slug}").status_code == 200
    assert _last_visit(space, member) is not None


def test_a_visit_is_noted_once_per_quarter_hour(client, login_as):
    from portal.core.extensions import db
    from portal.spaces.models import Membership

    member = login_as("member")
    space = factories.space()
    joined = factories.membership(space, member)
    client.get(f"/spaces/{space.slug}")
    first = _last_visit(space, member)
    client.get(f"/spaces/{space.slug}")
    assert _last_visit(space, member) == first
    with factories.context():
        row = db.session.get(Membership, joined.id)
        row.last_visited_at = first - timedelta(minutes=20)
        db.session.commit()
    client.get(f"/spaces/{space.slug}")
    assert _last_visit(space, member) >= first


def test_someone_outside_a_community_notes_nothing_by_reading_it(client, login_as):
    from sqlalchemy import func, select

    from portal.core.extensions import db
    from portal.spaces.models import Membership

    login_as("member")
    community = factories.space(kind="community")
    assert client.get(f"/spaces/{community.slug}").status_code == 200
    with factories.context():
        assert db.session.scalar(select(func.count(Membership.id))) == 0


def test_what_is_new_is_counted_from_the_day_of_joining_before_a_first_visit(app):
    from portal.core.extensions import db
    from portal.forums.queries import new_posts_per_space
    from portal.spaces.visits import last_visit

    member, other = factories.user(), factories.user()
    space = factories.space()
    factories.membership(space, other)
    factories.thread(space, author=other)  # before the member joined
    factories.membership(space, member)
    factories.thread(space, author=other)
    with app.app_context():
        assert new_posts_per_space(member.id, last_visit()) == {space.id: 1}
        db.session.remove()
