"""The shared upload rules: content-checked types, size, names, storage, transactions."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from portal.core import uploads
from portal.core.uploads import UploadRefused
from tests.core import upload_samples as samples


def upload(name: str, data: bytes) -> FileStorage:
    """A file as a form would send it."""
    return FileStorage(stream=BytesIO(data), filename=name)


def files_under(root: Path) -> set[Path]:
    """Every file below `root` (temporary ones included)."""
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def ctx(app):
    """An app context with a request, for translated messages; the session is cleaned after."""
    from portal.core.extensions import db

    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield
        db.session.rollback()


@pytest.fixture
def root(app) -> Path:
    """The upload root of the test session."""
    return Path(app.config["UPLOAD_ROOT"])


# --- refused cases first ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("carte.pdf", samples.png(), "does not match its name"),  # a PNG named .pdf
        ("rapport.pdf", samples.HTML, "Web pages and SVG images are not accepted"),
        ("page.html", samples.HTML, "Web pages and SVG images are not accepted"),
        ("notes.txt", samples.HTML, "Web pages and SVG images are not accepted"),
        ("logo.svg", samples.SVG, "Web pages and SVG images are not accepted"),
        ("logo.png", samples.SVG, "Web pages and SVG images are not accepted"),
        ("logo.md", samples.XML_SVG, "Web pages and SVG images are not accepted"),
        ("synthese.docx", samples.exe(), "does not match its name"),  # an EXE renamed .docx
        ("setup.exe", samples.exe(), "not accepted"),
        ("photo.png", samples.jpeg(), "does not match its name"),
        ("compte-rendu.odt", samples.ooxml("docx"), "does not match its name"),
        (
            "macro.docx",
            samples.ooxml("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            "does not match",
        ),
        ("livre.odt", samples.zip_of({"mimetype": "application/epub+zip"}), "does not match"),
        ("archive.docx", samples.zip_of({"a.txt": "x"}), "does not match"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 40, "does not match"),
        ("data.csv", "é;è\n".encode("latin-1"), "UTF-8"),
        ("nul.txt", b"text\x00with a NUL byte", "UTF-8"),
        ("empty.pdf", b"", "empty"),
        ("sans-extension", samples.pdf(), "must end with one of"),
        ("", samples.pdf(), "Choose a file"),
    ],
)
def test_disguised_or_dangerous_files_are_refused_and_nothing_is_written(
    ctx, root, name, data, reason
):
    before = files_under(root)
    with pytest.raises(UploadRefused) as refusal:
        uploads.save_upload(upload(name, data), "materials")
    assert reason in str(refusal.value)
    assert files_under(root) == before


def test_a_file_over_the_limit_is_refused_before_anything_is_written(ctx, app, root, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    before = files_under(root)
    with pytest.raises(UploadRefused, match="larger than 1 KB"):
        uploads.save_upload(upload("gros.txt", b"x" * 1025), "materials")
    assert files_under(root) == before
    # Exactly at the limit is fine.
    assert uploads.save_upload(upload("juste.txt", b"x" * 1024), "materials").size == 1024


def test_a_missing_file_is_refused(ctx):
    with pytest.raises(UploadRefused, match="Choose a file"):
        uploads.check_upload(None)


@pytest.mark.parametrize(
    "stored_name",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        "",
        None,
        "0123456789ABCDEF0123456789ABCDEF",  # upper case: never made by token_hex
        "0123456789abcdef0123456789abcde",  # 31 digits
        "0123456789abcdef0123456789abcdef/..",
        "0123456789abcdef0123456789abcdef\x00",
    ],
)
def test_stored_names_we_could_not_have_made_never_reach_the_disk(ctx, stored_name):
    with pytest.raises(FileNotFoundError):
        uploads.open_stored("materials", stored_name)
    uploads.delete_stored("materials", stored_name)  # a no-op, not an error


@pytest.mark.parametrize("domain", ["../materials", "Materials", "", "a/b", "x" * 41])
def test_upload_domains_are_plain_folder_names(ctx, domain):
    with pytest.raises(ValueError, match="invalid upload domain"):
        uploads.save_upload(upload("notes.txt", samples.TEXT), domain)


def test_a_path_in_the_file_name_is_dropped(ctx, root):
    before = files_under(root)
    stored = uploads.save_upload(upload("../../etc/passwd.pdf", samples.pdf()), "materials")
    assert stored.display_name == "passwd.pdf"
    [written] = files_under(root) - before
    assert written == root / "materials" / stored.stored_name
    assert not (root.parent / "etc").exists()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("C:\\Users\\camille\\Compte rendu.pdf", "Compte rendu.pdf"),
        ("dossier/sous-dossier/Séance 3 – énergie.odt", "Séance 3 – énergie.odt"),
        ("rapport\u202efdp.exe", "rapportfdp.exe"),  # the right-to-left override is removed
        ("  .cache.pdf  ", "cache.pdf"),
        ("tab\there\nnew line.txt", "tab here new line.txt"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_display_names_keep_only_the_file_name(raw, expected):
    assert uploads.display_name_of(raw) == expected


# --- what works ---------------------------------------------------------------


@pytest.mark.parametrize("key", list(samples.ACCEPTED))
def test_every_accepted_type_is_stored_under_a_random_name(ctx, root, key):
    name, make = samples.ACCEPTED[key]
    data = make()
    stored = uploads.save_upload(upload(name, data), "materials")
    assert len(stored.stored_name) == 32 and int(stored.stored_name, 16) >= 0
    assert stored.display_name == name
    assert stored.size == len(data)
    with uploads.open_stored("materials", stored.stored_name) as handle:
        assert handle.read() == data
    assert not any(p.name.startswith(".partial-") for p in files_under(root))


@pytest.mark.parametrize(
    ("name", "content_type", "family"),
    [
        ("rapport.pdf", "application/pdf", "document"),
        ("carte.png", "image/png", "image"),
        ("budget.ods", "application/vnd.oasis.opendocument.spreadsheet", "spreadsheet"),
        (
            "restitution.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "presentation",
        ),
        ("communes.csv", "text/csv; charset=utf-8", "spreadsheet"),
        ("notes.md", "text/markdown; charset=utf-8", "document"),
    ],
)
def test_the_content_type_comes_from_the_content(ctx, name, content_type, family):
    key = next(k for k, (n, _make) in samples.ACCEPTED.items() if n == name)
    stored = uploads.save_upload(upload(name, samples.ACCEPTED[key][1]()), "materials")
    assert (stored.content_type, stored.family) == (content_type, family)


def test_text_with_a_byte_order_mark_and_html_fragments_is_text(ctx):
    data = "\ufeff# Titre\n\n<p>Un paragraphe.</p>\n".encode()
    assert uploads.save_upload(upload("notes.md", data), "materials").family == "document"


def test_a_file_saved_in_a_transaction_that_rolls_back_is_removed(app, root):
    from portal.core.extensions import db

    with app.app_context():
        stored = uploads.save_upload(upload("notes.txt", samples.TEXT), "materials")
        path = root / "materials" / stored.stored_name
        assert path.exists()
        db.session.rollback()
        assert not path.exists()


def test_a_file_saved_in_a_request_that_never_commits_is_removed(app, root):
    from portal.core.extensions import db

    with app.app_context():
        stored = uploads.save_upload(upload("notes.txt", samples.TEXT), "materials")
        db.session.remove()  # the end of a request that returned without committing
    assert not (root / "materials" / stored.stored_name).exists()


def test_a_committed_file_stays_and_a_deleted_one_goes_only_on_commit(app, root):
    from portal.core.extensions import db

    with app.app_context():
        stored = uploads.save_upload(upload("notes.txt", samples.TEXT), "materials")
        db.session.commit()
        path = root / "materials" / stored.stored_name
        assert path.exists()

        uploads.delete_after_commit("materials", stored.stored_name)
        db.session.rollback()  # the deletion of the row failed: the file stays
        assert path.exists()

        uploads.delete_after_commit("materials", stored.stored_name)
        nested = db.session.begin_nested()
        nested.commit()  # a savepoint's commit is not the transaction's
        assert path.exists()
        db.session.commit()
        assert not path.exists()


def test_a_file_saved_inside_a_savepoint_goes_if_the_transaction_rolls_back(app, root):
    from portal.core.extensions import db

    with app.app_context():
        savepoint = db.session.begin_nested()
        stored = uploads.save_upload(upload("notes.txt", samples.TEXT), "materials")
        savepoint.commit()  # releases the savepoint only
        db.session.rollback()
        assert not (root / "materials" / stored.stored_name).exists()


def test_sizes_read_well_in_each_language(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):
        assert uploads.format_size(512) == "512 bytes"
        assert uploads.format_size(20 * 1024 * 1024) == "20 MB"
    with app.test_request_context(), force_locale("fr"):
        assert uploads.format_size(int(3.4 * 1024 * 1024)) in ("3,4 MB", "3,4 Mo")
