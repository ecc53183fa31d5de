"""Themes: administrators add, rename, reorder and retire them; materials read the table."""

import pytest

from tests import factories
from tests.helpers import post_form

PATHS = ("/admin/themes", "/admin/themes/new", "/admin/themes/energy/edit")


@pytest.mark.parametrize("path", PATHS)
def test_only_administrators_manage_themes(as_viewer, path):
    assert as_viewer(None).get(path).status_code == 302
    assert as_viewer(factories.user()).get(path).status_code == 403
    assert as_viewer(factories.user(role="admin")).get(path).status_code == 200


def test_members_cannot_move_themes(as_viewer):
    response = post_form(
        as_viewer(factories.user()), "/admin/themes/energy/move", {"direction": "up"}
    )
    assert response.status_code == 403


def test_the_builtin_themes_are_listed_before_any_change(as_viewer):
    page = as_viewer(factories.user(role="admin")).get("/admin/themes").get_data(as_text=True)
    assert "Énergie" in page and "Energy" in page and "circular_economy" in page


def test_an_administrator_adds_renames_reorders_and_retires_themes(as_viewer):
    admin = as_viewer(factories.user(role="admin"))
    added = post_form(
        admin,
        "/admin/themes/new",
        {"key": "tourism", "label_fr": "Tourisme", "label_en": "Tourism"},
    )
    assert added.status_code == 302
    duplicate = post_form(
        admin, "/admin/themes/new", {"key": "tourism", "label_fr": "T", "label_en": "T"}
    )
    assert "already used" in duplicate.get_data(as_text=True)
    bad_key = post_form(
        admin, "/admin/themes/new", {"key": "Bad Key!", "label_fr": "x", "label_en": "x"}
    )
    assert bad_key.status_code == 200 and 'aria-invalid="true"' in bad_key.get_data(as_text=True)
    post_form(admin, "/admin/themes/tourism/move", {"direction": "up"})
    page = admin.get("/admin/themes").get_data(as_text=True)
    assert page.index("theme-tourism") < page.index("theme-water")
    post_form(
        admin,
        "/admin/themes/food/edit",
        {
            "key": "food",
            "label_fr": "Alimentation durable",
            "label_en": "Sustainable food",
            "is_active": "y",
        },
    )
    assert "Sustainable food" in admin.get("/resources").get_data(as_text=True)
    post_form(
        admin, "/admin/themes/water/edit", {"key": "water", "label_fr": "Eau", "label_en": "Water"}
    )
    filters = admin.get("/experiences").get_data(as_text=True)
    assert ">Water<" not in filters and ">Tourism<" in filters  # retired: no longer offered
    assert (
        post_form(admin, "/admin/themes/tourism/move", {"direction": "sideways"}).status_code == 400
    )
    assert admin.get("/admin/themes/nope/edit").status_code == 404


def test_a_retired_theme_keeps_its_label_on_materials(app, as_viewer, cohort_with_material):
    admin = as_viewer(factories.user(role="admin"))
    post_form(
        admin,
        "/admin/themes/food/edit",
        {"key": "food", "label_fr": "Nourriture", "label_en": "Nourishment"},
    )
    page = admin.get(f"/materials/{cohort_with_material.id}").get_data(as_text=True)
    assert "Nourishment" in page


@pytest.fixture
def cohort_with_material():
    """A public material about food."""
    return factories.material(factories.space(), visibility="public", theme="food")
