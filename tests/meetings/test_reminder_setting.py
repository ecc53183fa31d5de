"""The space setting "Reminders before each session": offered offsets, none, refused values."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.helpers import post_form


def form(**overrides):
    data = {
        "title": "Cohorte rappels",
        "description": "",
        "kind": "cohort",
        "timezone": "Europe/Paris",
        "starts_on": "2027-01-18",
        "ends_on": "2027-12-10",
        "cover_colour": "#005f73",
    }
    data.update(overrides)
    return data


def ticked(html: str) -> set[str]:
    """The reminder offsets ticked on the page."""
    return {
        re.search(r'value="(\d+)"', box).group(1)
        for box in re.findall(r"<input[^>]*name=\"reminder_offsets\"[^>]*>", html)
        if " checked" in box
    }


def offsets_of(app, space):
    from portal.core.extensions import db
    from portal.spaces.models import Space

    with app.app_context():
        return db.session.get(Space, space.id).reminder_offsets


@pytest.fixture
def admin_client(as_viewer):
    return as_viewer(factories.user(role="admin"))


def test_new_space_offers_the_default_reminders_ticked(admin_client):
    html = admin_client.get("/spaces/new").get_data(as_text=True)
    assert "Reminders before each session" in html
    assert ticked(html) == {"10080", "1440"}


@pytest.mark.parametrize(
    ("chosen", "stored"),
    [(["120", "1440", "60"], [1440, 120, 60]), ([], []), (["10080"], [10080])],
)
def test_admin_chooses_the_reminders(app, admin_client, chosen, stored):
    space = factories.space(title="Cohorte rappels")
    response = post_form(admin_client, f"/spaces/{space.slug}/edit", form(reminder_offsets=chosen))
    assert response.status_code == 302
    assert offsets_of(app, space) == stored


@pytest.mark.parametrize("value", ["abc", "999", "-60", "1" * 40])
def test_other_values_are_refused_with_a_message(app, admin_client, value):
    space = factories.space(title="Cohorte rappels")
    response = post_form(admin_client, f"/spaces/{space.slug}/edit", form(reminder_offsets=[value]))
    assert response.status_code == 200
    assert "Choose among the reminders offered." in response.get_data(as_text=True)
    assert offsets_of(app, space) == [10080, 1440]


def test_an_offset_set_elsewhere_is_kept_on_save(app, admin_client):
    space = factories.space(title="Cohorte rappels", reminder_offsets=[30])
    html = admin_client.get(f"/spaces/{space.slug}/edit").get_data(as_text=True)
    assert "30 minutes before" in html and ticked(html) == {"30"}
    response = post_form(admin_client, f"/spaces/{space.slug}/edit", form(reminder_offsets=["30"]))
    assert response.status_code == 302
    assert offsets_of(app, space) == [30]


def test_only_administrators_change_it(app, as_viewer, cohort, people):
    path = f"/spaces/{cohort.slug}/edit"
    anonymous = as_viewer(None).get(path)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    for who in ("member", "facilitator"):
        response = post_form(as_viewer(people[who]), path, form(reminder_offsets=[]))
        assert response.status_code == 403
    assert offsets_of(app, cohort) == [10080, 1440]
