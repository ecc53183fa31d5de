"""The per-process cache of rendered fragments (core/fragments.py)."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from flask_babel import force_locale, lazy_gettext
from markupsafe import Markup

from portal.core.fragments import FragmentCache, form_fingerprint, fragments, freeze

TEMPLATE = '{% call cached_fragment("test", key) %}{{ render() }}{% endcall %}'


@pytest.fixture
def renders(app):
    """Count how often the body of the block runs."""
    fragments.clear()
    calls = []

    def render():
        calls.append(1)
        return Markup("<b>body {}</b>").format(len(calls))

    yield render, calls
    fragments.clear()


def test_body_rendered_once_per_key(app, renders):
    render, calls = renders
    with app.test_request_context("/"):
        first = render_template_string(TEMPLATE, key={"a": [1, 2]}, render=render)
        again = render_template_string(TEMPLATE, key={"a": [1, 2]}, render=render)
        other = render_template_string(TEMPLATE, key={"a": [2]}, render=render)
    assert first == again == "<b>body 1</b>"
    assert other == "<b>body 2</b>"
    assert len(calls) == 2


def test_language_is_part_of_the_key(app, renders):
    render, calls = renders
    with app.test_request_context("/"):
        with force_locale("fr"):
            render_template_string(TEMPLATE, key=1, render=render)
        with force_locale("en"):
            render_template_string(TEMPLATE, key=1, render=render)
    assert len(calls) == 2


def test_least_recently_used_entries_go_first():
    cache = FragmentCache(max_entries=2)
    cache.get_or_render("a", lambda: "A")
    cache.get_or_render("b", lambda: "B")
    cache.get_or_render("a", lambda: "unused")  # "a" is now the most recent
    cache.get_or_render("c", lambda: "C")
    assert len(cache) == 2
    assert cache.get_or_render("a", lambda: "again") == "A"
    assert cache.get_or_render("b", lambda: "B2") == "B2"


def test_freeze_makes_template_values_hashable():
    assert freeze({"b": [1, {"c": 2}], "a": {3, 1}}) == (("a", (1, 3)), ("b", (1, (("c", 2),))))
    hash(freeze({"x": [[1], {"y": None}]}))


def test_form_fingerprint_follows_values_errors_and_choices(app):
    from portal.experiences.forms import ExperienceFilterForm

    with app.test_request_context("/experiences?fundamental=cooperation"):
        from flask import request

        chosen = ExperienceFilterForm(request.args)
        chosen.validate()
        same = ExperienceFilterForm(request.args)
        same.validate()
        assert form_fingerprint(chosen) == form_fingerprint(same)
        bad = ExperienceFilterForm(
            formdata=type(request.args)({"fundamental": "not-a-fundamental"})
        )
        bad.validate()
        assert bad.fundamental.errors
        assert form_fingerprint(bad) != form_fingerprint(chosen)
        same.theme.choices = [*same.theme.choices, ("new_theme", "Nouveau thème")]
        assert form_fingerprint(same) != form_fingerprint(chosen)


def test_lazy_labels_are_keyed_without_translating(app):
    from portal.core.fragments import _text_key

    with app.test_request_context("/"):
        assert _text_key(lazy_gettext("Filter")) == _text_key(lazy_gettext("Filter"))
        assert _text_key(lazy_gettext("Filter")) != _text_key(lazy_gettext("Search"))


def test_filter_form_served_from_cache_shows_the_request_state(client, app):
    """Two requests with different filters: each page shows its own selection."""
    fragments.clear()
    first = client.get("/experiences?fundamental=cooperation").get_data(as_text=True)
    second = client.get("/experiences").get_data(as_text=True)
    again = client.get("/experiences?fundamental=cooperation").get_data(as_text=True)
    assert '<option selected value="cooperation">' in first
    assert '<option selected value="">' in second.split('id="fundamental"')[1]
    assert filter_form(first) == filter_form(again)


def filter_form(page: str) -> str:
    return page.split('<form method="get"')[1].split("</form>")[0]


def header(page: str) -> str:
    return page.split('<header class="site-header"')[1].split("</header>")[0]


def test_cached_page_frame_follows_visitor_and_page(app, login):
    """The header is kept per kind of visitor and page: each sees their own links."""
    from tests import factories

    fragments.clear()
    anonymous, member, admin = app.test_client(), app.test_client(), app.test_client()
    login(member, factories.user(role="member"))
    login(admin, factories.user(role="admin"))
    seen = {}
    for name, client in (("anonymous", anonymous), ("member", member), ("admin", admin)):
        for path in ("/allies", "/experiences"):
            seen[name, path] = header(client.get(path).get_data(as_text=True))

    assert "/auth/login" in seen["anonymous", "/allies"]
    assert "/auth/logout" not in seen["anonymous", "/allies"]
    assert "/auth/logout" in seen["member", "/allies"]
    assert 'href="/admin/"' not in seen["member", "/allies"]
    assert 'href="/admin/"' in seen["admin", "/allies"]
    for name in ("anonymous", "member", "admin"):
        assert 'href="/allies" aria-current="page"' in seen[name, "/allies"]
        assert 'href="/allies" aria-current="page"' not in seen[name, "/experiences"]
        assert 'href="/experiences" aria-current="page"' in seen[name, "/experiences"]
    # The forms of the frame are rendered for each request: the member's and the
    # administrator's logout forms carry their own session's CSRF token.
    token = re.compile(r'name="csrf_token" value="([^"]+)"')
    assert token.search(seen["member", "/allies"]).group(1) != token.search(
        seen["admin", "/allies"]
    ).group(1)
