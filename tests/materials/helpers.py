"""Helpers of the materials tests: posting forms with files, reading the database."""

from __future__ import annotations

from io import BytesIO

from sqlalchemy import select

from tests.helpers import post_form


def a_file(name: str, data: bytes) -> tuple[BytesIO, str]:
    """A file field value for the test client."""
    return (BytesIO(data), name)


def post_material(client, slug: str, **data):
    """Post the new-material form of space `slug` (title defaults; pass file= or url=)."""
    data.setdefault("title", "Compte rendu")
    data.setdefault("visibility", "space")
    return post_form(client, f"/spaces/{slug}/materials/new", data)


def titles(app) -> list[str]:
    """The titles of every material in the database, oldest first."""
    from portal.core.extensions import db
    from portal.materials.models import Material

    with app.app_context():
        return list(db.session.scalars(select(Material.title).order_by(Material.id)))


def load(app, material_id: int):
    """The material `material_id` as stored now (detached), or None."""
    from portal.core.extensions import db
    from portal.materials.models import Material

    with app.app_context():
        found = db.session.get(Material, material_id)
        if found is not None:
            db.session.expunge(found)
        return found
