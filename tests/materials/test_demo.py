"""The demo materials: in the demo spaces, stored by the upload rules, safe to run again."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from portal.core import uploads
from portal.core.extensions import db
from portal.materials.demo import DEMO_MATERIALS, minimal_pdf, seed_materials_demo
from portal.materials.models import Material
from tests import factories


def test_the_demo_fills_the_demo_spaces_once(app, stored_files):
    facilitator = factories.user(email="facilitatrice@example.org")
    spaces = {
        "territoires-pilotes-2027": factories.space(title="Territoires pilotes 2027"),
        "mise-en-recit": factories.space(title="Mise en récit", kind="community"),
        "fabriques-locales": factories.space(title="Fabriques locales", kind="community"),
    }
    factories.membership(spaces["mise-en-recit"], facilitator, role="facilitator")
    opening = factories.meeting(spaces["territoires-pilotes-2027"], starts_in_days=-30)
    expected = sum(len(items) for items in DEMO_MATERIALS.values())
    with app.app_context():
        assert seed_materials_demo() == expected
        db.session.commit()
        assert seed_materials_demo() == 0
        db.session.commit()
        assert db.session.scalar(select(func.count(Material.id))) == expected
        materials = db.session.scalars(select(Material)).all()
        on_disk = {p.name for p in stored_files()}
        for material in materials:
            assert material.posted_by_id == facilitator.id
            if material.is_file:
                assert material.stored_name in on_disk
        notes = next(m for m in materials if m.title.startswith("Compte rendu"))
        assert notes.meeting_id == opening.id
        families = {m.family for m in materials}
        assert {"document", "spreadsheet", "link"} <= families
        assert {m.visibility for m in materials} == {"space", "allies", "public"}


def test_the_demo_skips_spaces_that_do_not_exist(app):
    with app.app_context():
        assert seed_materials_demo() == 0


def test_the_demo_pdf_is_a_well_formed_pdf(app):
    data = minimal_pdf("Récit (démo)", ("ligne \\ une",))
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref = int(re.search(rb"startxref\n(\d+)", data).group(1))
    assert data[xref:].startswith(b"xref")
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n", data)]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    with app.test_request_context():
        assert uploads.save_bytes(data, "demo.pdf", "materials").content_type == "application/pdf"
        db.session.rollback()


def test_the_demo_member_has_two_resources_waiting_for_moderation_once(app):
    from portal.materials.demo import DEMO_SHARED, seed_shared_resources_demo

    member = factories.user(email="membre@example.org")
    with app.app_context():
        assert seed_shared_resources_demo() == len(DEMO_SHARED) == 2
        db.session.commit()
        assert seed_shared_resources_demo() == 0
        db.session.commit()
        waiting = db.session.scalars(select(Material).where(Material.status == "pending")).all()
        assert len(waiting) == 2
        assert {m.posted_by_id for m in waiting} == {member.id}
        assert all(m.space_id is None and m.fundamentals for m in waiting)
