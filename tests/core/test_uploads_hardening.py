"""Security suite, uploads: archive bombs, polyglots, scripted SVG and PDF, hostile names.

Each hostile file is refused with a clear message and nothing is stored, or, for names,
neutralised; a hostile file that got stored anyway is still served inert.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from werkzeug.http import parse_options_header

from portal.core import hazards, uploads
from portal.core.uploads import UploadRefused
from tests import factories
from tests.core import hostile_files as hostile
from tests.core import upload_samples as samples
from tests.core.test_uploads import files_under, upload
from tests.helpers import post_form

OFFICE_KEYS = ("docx", "xlsx", "pptx", "odt", "ods", "odp")
BOMB = "archive bomb"
DAMAGED = "damaged or unsafe"
TOO_MANY = "too many parts"
HIDDEN_PAGE = "hides web page code"
PDF_SCRIPT = "PDF files with scripts or launch actions are not accepted"
SCRIPTS = "Web pages and SVG images are not accepted"


@pytest.fixture
def ctx(app):
    """A request context reading English; the session is rolled back after."""
    from portal.core.extensions import db

    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield
        db.session.rollback()


@pytest.fixture
def refused(ctx, app):
    """`refused(name, data)` -> the refusal message; asserts nothing was written."""
    root = Path(app.config["UPLOAD_ROOT"])

    def _refused(name: str, data: bytes) -> str:
        before = files_under(root)
        with pytest.raises(UploadRefused) as refusal:
            uploads.save_upload(upload(name, data), "materials")
        assert files_under(root) == before
        return str(refusal.value)

    return _refused


def accepted(name: str, data: bytes) -> uploads.StoredFile:
    """Save `name` (inside a request context) and return what was stored."""
    return uploads.save_upload(upload(name, data), "materials")


# --- archive bombs and damaged archives ---------------------------------------


@pytest.mark.parametrize("key", OFFICE_KEYS)
def test_office_archive_bombs_are_refused(refused, key):
    assert BOMB in refused(f"rapport.{key}", hostile.bomb(key))


@pytest.mark.parametrize("key", ["pptx", "odt"])
def test_many_small_entries_that_unpack_a_thousand_times_are_a_bomb_too(refused, key):
    data = hostile.office(key, {f"slides/s{i}.xml": b"\0" * 500_000 for i in range(30)})
    assert BOMB in refused(f"atelier.{key}", data)


@pytest.mark.parametrize("key", ["docx", "ods"])
def test_archives_over_the_total_unpacked_size_are_refused(refused, monkeypatch, key):
    monkeypatch.setattr(hazards, "ZIP_MAX_UNPACKED", 200 * 1024)  # 200 MB in production
    data = hostile.office(key, {f"media/part{i}.xml": "x" * 60_000 for i in range(4)})
    assert BOMB in refused(f"budget.{key}", data)


@pytest.mark.parametrize("key", ["xlsx", "odp"])
def test_archives_with_too_many_entries_are_refused(refused, key):
    assert TOO_MANY in refused(f"tableau.{key}", hostile.many_entries(key, 10_001))


def test_a_list_of_entries_too_long_to_read_is_refused_before_parsing(refused):
    assert TOO_MANY in refused("tableau.xlsx", hostile.long_directory("xlsx"))


@pytest.mark.parametrize(
    ("key", "make"),
    [
        ("docx", hostile.lying_about_size),
        ("odt", hostile.lying_about_size),
        ("pptx", hostile.overlapping),
        ("ods", hostile.overlapping),
        ("docx", hostile.with_duplicate_entry),
        ("odt", hostile.with_duplicate_entry),
    ],
)
def test_archives_whose_headers_lie_are_refused(refused, key, make):
    assert DAMAGED in refused(f"document.{key}", make(key))


@pytest.mark.parametrize(
    "entry", ["../../evil.sh", "/etc/cron.d/evil", "C:/Windows/evil.dll", "word/..\\..\\evil"]
)
def test_archives_with_entries_that_escape_their_folder_are_refused(refused, entry):
    assert DAMAGED in refused("document.docx", hostile.office("docx", {entry: "x"}))


@pytest.mark.parametrize("key", OFFICE_KEYS)
def test_ordinary_office_documents_with_media_are_accepted(ctx, key):
    # A realistic document: text compressing ~20x and an incompressible picture.
    import os

    text = ("<w:p><w:r><w:t>Séance du territoire %d</w:t></w:r></w:p>" * 4000).encode()
    data = hostile.office(key, {"media/photo.jpg": os.urandom(300_000), "body.xml": text})
    assert accepted(f"document.{key}", data).size == len(data)


# --- polyglots: page code or scripts inside images and PDFs -------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("affiche.pdf", hostile.pdf_with(b"<html><body><script>alert(1)</script></body></html>")),
        ("affiche.pdf", hostile.pdf_with(b"%<iframe src=//evil.example>")),
        ("logo.gif", hostile.gif_with_comment(b"<script>alert(document.domain)</script>")),
        ("photo.jpg", hostile.jpeg_with_comment(b"<html><img src=x onerror=alert(1)>")),
        ("carte.png", hostile.png_with_text(b'<svg onload="alert(1)">')),
        ("photo.webp", samples.webp() + b"<!DOCTYPE html><script>alert(1)</script>"),
    ],
)
def test_images_and_pdfs_hiding_a_page_are_refused(refused, name, data):
    assert HIDDEN_PAGE in refused(name, data)


@pytest.mark.parametrize(
    "payload",
    [
        b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>",
        b"<< /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>",  # escaped names
        b"<< /S /Launch /F (cmd.exe) >>",
    ],
)
def test_pdfs_with_scripts_or_launch_actions_are_refused(refused, payload):
    assert PDF_SCRIPT in refused("formulaire.pdf", hostile.pdf_with(payload))


def test_pdf_comments_in_rich_text_and_lookalike_names_are_accepted(ctx):
    rich = b'<< /RC (<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>Vu</p>'
    data = hostile.pdf_with(rich + b"</body>) /JSON /Jsx /Launcher >>")
    assert accepted("annote.pdf", data).content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.svg", samples.SVG),
        ("logo.svgz", samples.SVG),
        ("logo.SVG", samples.SVG),
        ("logo.png", samples.SVG),
        ("logo.txt", b"<!-- made with Inkscape -->\n" + samples.SVG),
        ("logo.md", b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">' + samples.SVG),
        ("logo.txt", "\ufeff".encode() + samples.SVG.upper()),
        ("logo.csv", samples.XML_SVG),
    ],
)
def test_svg_with_script_is_refused_under_any_name(refused, name, data):
    message = refused(name, data)
    assert SCRIPTS in message or "does not match its name" in message


def test_a_polyglot_stored_before_these_rules_is_still_served_inert(app, as_viewer):
    cohort = factories.space(title="Cohorte ancienne")
    people = factories.space_people(cohort)
    material = factories.material(cohort, content=samples.gif(), filename="logo.gif")
    polyglot = hostile.gif_with_comment(b"<script>alert(document.cookie)</script>")
    with app.app_context():
        uploads.stored_path("materials", material.stored_name).write_bytes(polyglot)
    response = as_viewer(people["member"]).get(f"/materials/{material.id}/download")
    body = response.get_data()
    response.close()
    assert body == polyglot
    assert response.headers["Content-Type"] == "image/gif"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith(uploads.DOWNLOAD_CSP)


# --- hostile names ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "rapport.pdf.exe",
        "rapport.pdf\x00.exe",
        "rapport.pdf .exe",
        "photo.jpg.html",
        "notes.txt.js",
        "..\\..\\boot.ini",
        "/etc/passwd",
        "../..",
        "\x00\x01\x1f",
        "\u202e",
    ],
)
def test_names_that_end_otherwise_than_they_seem_are_refused(refused, name):
    message = refused(name, samples.pdf())
    assert "must end with one of" in message or SCRIPTS in message or "Choose a file" in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("/var/www/html/index.pdf", "index.pdf"),
        ("..\\..\\Windows\\rapport.pdf", "rapport.pdf"),
        ("rap\x00port\x07.pdf", "rapport.pdf"),
        ("rapport\r\nSet-Cookie: x=1.pdf", "rapport Set-Cookie: x=1.pdf"),
        ("facture\u202efdp.pdf", "facturefdp.pdf"),  # right-to-left override removed
        ("a\u2066b\u2069\u200b.pdf", "ab.pdf"),  # isolates and zero-width space too
        ("é" * 400 + ".pdf", "é" * 196 + ".pdf"),
        (".." + "x" * 300, "x" * 200),
    ],
)
def test_hostile_names_are_neutralised_for_display_and_download(raw, expected):
    assert uploads.display_name_of(raw) == expected


def test_a_hostile_name_is_neutralised_end_to_end(app, as_viewer):
    cohort = factories.space(title="Cohorte des noms")
    facilitator = factories.user()
    factories.membership(cohort, facilitator, role="facilitator")
    viewer = as_viewer(facilitator)
    hostile_name = "../../" + "\u202e" + "x" * 300 + "\x07.pdf"
    response = post_form(
        viewer,
        f"/spaces/{cohort.slug}/materials/new",
        {
            "title": "Nom hostile",
            "visibility": "space",
            "file": (io.BytesIO(samples.pdf()), hostile_name),
        },
    )
    assert response.status_code == 302
    from portal.core.extensions import db
    from portal.materials.models import Material

    with app.app_context():
        material = db.session.query(Material).filter_by(title="Nom hostile").one()
        material_id, display = material.id, material.display_name
    assert display == "x" * 196 + ".pdf"
    download = viewer.get(f"/materials/{material_id}/download")
    download.close()
    kind, options = parse_options_header(download.headers["Content-Disposition"])
    assert (kind, options["filename"]) == ("attachment", display)


def test_a_bomb_posted_through_the_page_shows_the_reason_and_stores_nothing(app, as_viewer):
    cohort = factories.space(title="Cohorte des bombes")
    facilitator = factories.user()
    factories.membership(cohort, facilitator, role="facilitator")
    root = Path(app.config["UPLOAD_ROOT"])
    before = files_under(root)
    response = post_form(
        as_viewer(facilitator),
        f"/spaces/{cohort.slug}/materials/new",
        {
            "title": "Bombe",
            "visibility": "space",
            "file": (io.BytesIO(hostile.bomb("docx")), "rapport.docx"),
        },
    )
    assert response.status_code == 200
    assert BOMB in response.get_data(as_text=True).replace("&ldquo;", "“")
    assert files_under(root) == before
