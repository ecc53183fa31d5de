"""The figures of applications, experiences, resources and forums: each counted in its
year, with the experiences' breakdowns (a theme stores its name)."""

from __future__ import annotations

from portal.experiences.models import Experience, Theme
from portal.forums.models import Post, Thread
from portal.materials.models import Material
from portal.programmes.calls.models import Application
from tests import factories
from tests.reports.helpers import at, section, set_columns, values


def submitted(call, when, **fields):
    """An application to `call` submitted at `when`."""
    made = factories.application(call, factories.user(), **fields)
    set_columns(Application, Application.id == made.id, submitted_at=when)
    return made


def test_applications_submitted_in_the_year_and_those_accepted_and_released():
    call = factories.call_for(factories.space())
    submitted(call, at(2025, 2, 1), state="accepted", notified_at=at(2025, 3, 1))
    submitted(call, at(2025, 2, 1), state="accepted")  # decision held: not public yet
    submitted(call, at(2025, 2, 1), state="declined", notified_at=at(2025, 3, 1))
    submitted(call, at(2025, 2, 1), state="withdrawn")
    submitted(call, at(2024, 12, 31, 23, 59), state="accepted", notified_at=at(2025, 1, 5))
    factories.application(call, factories.user(), state="draft")

    assert section("applications")["totals"] == {"submitted": 4, "accepted": 1}


#: Themes in the database, the second shown first: rows follow the themes' order.
THEMES = (("food", "Alimentation", "Food"), ("energy", "Énergie", "Energy"))


def published(when, **fields):
    """An experience first published at `when`."""
    made = factories.experience(**fields)
    set_columns(Experience, Experience.id == made.id, published_at=when)
    return made


def test_experiences_published_in_the_year_by_fundamental_theme_and_region():
    for position, (key, label_fr, label_en) in enumerate(THEMES):
        with factories.context():
            factories.save(Theme(key=key, label_fr=label_fr, label_en=label_en, position=position))
    for _ in range(5):
        published(at(2025, 3, 1), fundamentals=("cooperation", "value"), region="occitanie")
    published(at(2025, 4, 1), fundamentals=("engagement",), themes=("food",))
    published(at(2024, 4, 1))
    factories.experience(status="draft")
    published(at(2025, 4, 1), status="draft")

    experiences = section("experiences")
    breakdowns = experiences["breakdowns"]

    assert experiences["totals"] == {"published": 6}
    assert breakdowns["by_fundamental"] == [
        {"key": "engagement", "value": None},
        {"key": "cooperation", "value": 5},
        {"key": "value", "value": 5},
    ]
    assert values(breakdowns["by_region"]) == {"bretagne": None, "occitanie": 5}
    assert breakdowns["by_theme"] == [
        {"key": "food", "label": "Alimentation", "label_en": "Food", "value": None},
        {"key": "energy", "label": "Énergie", "label_en": "Energy", "value": 5},
    ]


def test_resources_shared_count_the_library_and_the_spaces():
    in_library = factories.shared_resource(status="published")
    set_columns(Material, Material.id == in_library.id, moderated_at=at(2025, 5, 1))
    factories.shared_resource(status="pending")
    factories.shared_resource(status="declined")
    from_coordination = factories.material(visibility="public", url="https://example.org/a")
    set_columns(Material, Material.id == from_coordination.id, created_at=at(2025, 6, 1))
    space = factories.space()
    factories.material(space, created_at=at(2025, 7, 1))
    factories.material(space, created_at=at(2025, 8, 1), visibility="allies")
    factories.material(space, created_at=at(2024, 8, 1))

    assert section("resources")["totals"] == {"shared": 4, "library": 2, "in_spaces": 2}


def test_forums_count_threads_visible_posts_and_distinct_authors_of_the_year():
    space = factories.space(kind="community")
    author = factories.user()
    factories.membership(space, author)
    thread = factories.thread(space, author=author)
    others = [factories.user() for _ in range(3)]
    for person in others:
        factories.post(thread, person)
    factories.post(thread, author)
    old = factories.thread(space)
    empty = factories.thread(space)
    set_columns(Thread, Thread.id.in_([thread.id, empty.id]), created_at=at(2025, 2, 1))
    set_columns(Thread, Thread.id == old.id, created_at=at(2024, 2, 1))
    set_columns(Thread, Thread.id == empty.id, post_count=0)
    set_columns(Post, Post.thread_id.in_([thread.id, old.id, empty.id]), created_at=at(2025, 3, 1))
    set_columns(Post, Post.thread_id == old.id, created_at=at(2024, 3, 1))
    set_columns(Post, Post.thread_id == empty.id, deleted_at=at(2025, 3, 2))
    set_columns(Post, Post.author_id == others[2].id, hidden_at=at(2025, 3, 2))

    # Posts: the opening one, two replies still shown, and the author's reply.
    assert section("forums")["totals"] == {"threads": 1, "posts": 4, "members": 3}
