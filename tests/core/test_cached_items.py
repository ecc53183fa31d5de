"""List items rendered once per content (core/fragments.cached_item) never show a stale item.

Each test fills the cache with a page, changes what an item shows by the services (as a
member's action would), and asks for the page again: the item shows its new state.
"""

from __future__ import annotations

from flask import render_template_string

from portal.core.extensions import db
from portal.core.fragments import items
from tests import factories


def test_the_reader_time_zone_is_part_of_the_key(app, monkeypatch):
    from portal.core import fragments

    template = '{% call cached_item("zone-test", 1) %}{{ render() }}{% endcall %}'
    rendered = []

    def render():
        rendered.append(1)
        return str(len(rendered))

    pages = []
    for zone in ("Europe/Paris", "America/Montreal", "Europe/Paris"):
        monkeypatch.setattr(fragments, "get_timezone", lambda zone=zone: zone)
        with app.test_request_context("/"):
            pages.append(render_template_string(template, render=render))
    assert pages == ["1", "2", "1"]


def test_a_thread_shows_each_posts_new_state(app, as_viewer):
    from portal.forums import moderation, services
    from portal.forums.models import Post

    space = factories.space(kind="community")
    people = factories.space_people(space)
    thread = factories.thread(space, author=people["facilitator"], body="Premier message.")
    reply = factories.post(thread, people["facilitator"], "Avant.")
    reader = as_viewer(people["member"])
    path = f"/threads/{thread.id}"
    assert "Avant." in reader.get(path).get_data(as_text=True)

    with app.app_context():
        post = db.session.get(Post, reply.id)
        services.edit_post(post, post.author, "Après la correction.")
        db.session.commit()
    page = reader.get(path).get_data(as_text=True)
    assert "Après la correction." in page and "Avant." not in page

    with app.app_context():
        post = db.session.get(Post, reply.id)
        moderator = db.session.get(type(post.author), people["facilitator"].id)
        moderation.hide_post(post, moderator, "Hors sujet")
        db.session.commit()
    page = reader.get(path).get_data(as_text=True)
    assert "Après la correction." not in page
    assert "This message is hidden by the moderators." in page


def test_a_post_the_reader_reported_says_so(app, as_viewer):
    from portal.accounts.models import User
    from portal.forums import moderation
    from portal.forums.models import Post

    space = factories.space(kind="community")
    people = factories.space_people(space)
    thread = factories.thread(space, author=people["facilitator"])
    reader = as_viewer(people["member"])
    path = f"/threads/{thread.id}"
    assert "You reported this message." not in reader.get(path).get_data(as_text=True)

    with app.app_context():
        first = db.session.scalars(db.select(Post).where(Post.thread_id == thread.id)).first()
        moderation.flag_post(first, db.session.get(User, people["member"].id), "Hors sujet")
        db.session.commit()
    assert "You reported this message." in reader.get(path).get_data(as_text=True)


def list_of(page: str) -> str:
    """The experience list of a page (the filter form names every theme too)."""
    return page[page.index('<ul class="experience-list">') :]


def test_an_experience_shows_its_new_themes(app, as_viewer):
    from portal.experiences.models import Experience, Theme

    experience = factories.experience(themes=("energy",))
    reader = as_viewer(factories.user())
    before = reader.get("/experiences").get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(Experience, experience.id)
        energy = stored.themes[0].label("en")
        stored.themes = [db.session.scalars(db.select(Theme).where(Theme.key == "food")).one()]
        food = stored.themes[0].label("en")
        db.session.commit()  # a relationship change: the experience's updated_at stays
    after = reader.get("/experiences").get_data(as_text=True)
    before, after = (list_of(page) for page in (before, after))
    assert energy in before and food not in before
    assert food in after and energy not in after


def test_an_ally_card_shows_the_new_name(app, as_viewer):
    from portal.alliance.models import Organisation

    ally = factories.ally(name="Ville de Loos-en-Gohelle")
    reader = as_viewer(factories.user())
    assert "Ville de Loos-en-Gohelle" in reader.get("/allies").get_data(as_text=True)
    with app.app_context():
        db.session.get(Organisation, ally.id).name = "Commune de Loos-en-Gohelle"
        db.session.commit()
    page = reader.get("/allies").get_data(as_text=True)
    assert "Commune de Loos-en-Gohelle" in page and "Ville de Loos" not in page


def test_the_agenda_shows_a_new_registration_and_seats(app, as_viewer):
    space = factories.space()
    member = factories.user()
    factories.membership(space, member)
    meeting = factories.meeting(space, starts_in_days=3, capacity=10)
    reader = as_viewer(member)
    assert "Not registered" in reader.get("/agenda").get_data(as_text=True)
    factories.register(meeting, member)
    page = reader.get("/agenda").get_data(as_text=True)
    assert "Not registered" not in page
    assert "Registered" in page and "1 of 10 seats taken" in page


def test_items_do_not_crowd_out_the_page_fragments(app):
    assert items.max_entries >= 4096


def test_long_texts_are_keyed_by_length_and_hash():
    from portal.core.fragments import LONG_TEXT, _item_part

    long_text = "é" * (LONG_TEXT + 1)
    assert _item_part(long_text) == _item_part("é" * (LONG_TEXT + 1))
    assert _item_part(long_text) != _item_part("e" * (LONG_TEXT + 1))
    assert _item_part("short") == "short"
