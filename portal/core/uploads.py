"""The upload rules every domain shares: check, store, serve and delete files.

- The request size is capped by MAX_CONTENT_LENGTH (MAX_UPLOAD_MB, 20 MB by default):
  Werkzeug answers 413 (the translated page of portal/core/errors.py) before reading.
- The content decides the type (portal/core/filetypes.py), from an allow-list, and the
  file name's extension must agree with it. SVG and HTML are refused: they carry scripts;
  so are archive bombs, images or PDFs hiding page code, and PDFs with scripts.
- A refused file is never written: everything is checked on the uploaded stream first.
- Accepted files go to the storage backend (portal/core/storage/: UPLOAD_ROOT/<domain>/
  or an S3 bucket) under a random name, and are only served through `send_stored`, after
  the caller's permission check, as attachments with `nosniff` and a sandboxing CSP.
- Files follow the database transaction: a file saved in a transaction that does not
  commit is removed, and `delete_after_commit` removes a file only once the row is gone.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from flask import abort, current_app, request, send_file
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestedRangeNotSatisfiable
from werkzeug.utils import secure_filename

from portal.core import files_follow_transaction, filetypes, storage
from portal.core.storage import DOMAIN_PATTERN, STORED_NAME_PATTERN  # noqa: F401 - re-exported

log = logging.getLogger(__name__)

#: Longest display name kept (the column holds 255).
DISPLAY_NAME_MAX = 200
#: Served with every stored file: no script, no plugin, no navigation, even if opened.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


class UploadRefused(ValueError):
    """The file is refused; `str(error)` is the translated reason, for the form."""


@dataclass(frozen=True)
class StoredFile:
    """What a domain keeps in its row about a saved file."""

    stored_name: str
    display_name: str
    content_type: str
    size: int
    family: str


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every rule, not yet written."""

    file_type: filetypes.FileType
    display_name: str
    size: int


def upload_root() -> Path:
    """UPLOAD_ROOT, or <instance>/uploads."""
    configured = current_app.config.get("UPLOAD_ROOT")
    return Path(configured or Path(current_app.instance_path) / "uploads").resolve()


def max_upload_bytes() -> int | None:
    """The largest file accepted (the request limit), or None without a limit."""
    return current_app.config.get("MAX_CONTENT_LENGTH")


def display_name_of(raw: str | None) -> str:
    """The name to show and offer on download: no folders, no control characters."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    # Category C: control, format (e.g. right-to-left override, which disguises
    # "fdp.exe" as "exe.pdf"), private use and unassigned characters.
    name = " ".join(name.split())  # tabs and new lines become spaces
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = name.strip(" .")
    if len(name) > DISPLAY_NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            name = stem[: DISPLAY_NAME_MAX - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            name = name[:DISPLAY_NAME_MAX]
    return name


def extension_of(name: str) -> str:
    """The lower-case extension of `name` as werkzeug's secure_filename keeps it, or ""."""
    safe = secure_filename(name)
    return safe.rpartition(".")[2].lower() if "." in safe else ""


def _size_of(stream: BinaryIO) -> int:
    """The stream's length in bytes (uploads are seekable: memory or a spooled file)."""
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def check_upload(upload: FileStorage | None) -> CheckedUpload:
    """Apply every rule to `upload` without writing anything; raise UploadRefused."""
    if upload is None or not getattr(upload, "filename", None):
        raise UploadRefused(_("Choose a file to send."))
    display_name = display_name_of(upload.filename)
    extension = extension_of(display_name)
    if extension in filetypes.SCRIPT_EXTENSIONS:
        raise UploadRefused(_("Web pages and SVG images are not accepted: they can carry scripts."))
    if extension not in filetypes.ACCEPTED_EXTENSIONS:
        raise UploadRefused(
            _(
                "This type of file is not accepted. The name must end with one of: %(list)s.",
                list=", ".join(f".{e}" for e in filetypes.ACCEPTED_EXTENSIONS),
            )
        )
    stream = upload.stream
    size = _size_of(stream)
    if size == 0:
        raise UploadRefused(_("The file is empty."))
    limit = max_upload_bytes()
    if limit is not None and size > limit:
        raise UploadRefused(_("The file is larger than %(size)s.", size=format_size(limit)))
    try:
        kind = filetypes.sniff(stream)
    except filetypes.UnsafeContent as danger:
        raise UploadRefused(str(danger.reason)) from None
    finally:
        stream.seek(0)
    if kind == filetypes.MARKUP:
        raise UploadRefused(_("Web pages and SVG images are not accepted: they can carry scripts."))
    file_type = filetypes.resolve(kind, extension)
    if file_type is None and kind is None and extension in filetypes.TEXT_EXTENSIONS:
        raise UploadRefused(
            _("Text files must be saved as UTF-8 text (in your editor: “Save as”, encoding UTF-8).")
        )
    if file_type is None:
        raise UploadRefused(
            _(
                "The content of the file (%(content)s) does not match its name (.%(extension)s).",
                content=filetypes.describe(kind),
                extension=extension,
            )
        )
    return CheckedUpload(file_type=file_type, display_name=display_name, size=size)


def save_upload(upload: FileStorage | None, domain: str) -> StoredFile:
    """Check `upload`, then store it under a random name in `domain`.

    Raises UploadRefused (nothing written), or StorageError if the backend fails. The
    file is removed again if the current database transaction does not commit, so rows
    and files stay in step, on the local disk as in a bucket.
    """
    storage.check_domain(domain)
    checked = check_upload(upload)
    backend = storage.current_storage()
    key = backend.save(domain, upload.stream)
    files_follow_transaction.remove_unless_committed(partial(backend.delete, key))
    return StoredFile(
        stored_name=storage.split_key(key)[1],
        display_name=checked.display_name,
        content_type=checked.file_type.content_type,
        size=checked.size,
        family=checked.file_type.family,
    )


def save_bytes(data: bytes, filename: str, domain: str) -> StoredFile:
    """`save_upload` for content made in code (demo data, imports)."""
    return save_upload(FileStorage(stream=BytesIO(data), filename=filename), domain)


def stored_path(domain: str, stored_name: str | None) -> Path:
    """The path of a file in the local folder (LocalStorage); FileNotFoundError for any
    name we could not have made, or one that would leave the domain's folder."""
    return storage.LocalStorage(upload_root()).path(storage.make_key(domain, stored_name))


def open_stored(domain: str, stored_name: str | None) -> BinaryIO:
    """Open a stored file for reading; FileNotFoundError if it is not there."""
    return storage.current_storage().open(storage.make_key(domain, stored_name))


def delete_stored(domain: str, stored_name: str | None) -> None:
    """Remove a stored file now (a missing file is fine)."""
    try:
        key = storage.make_key(domain, stored_name)
    except FileNotFoundError:
        return
    storage.current_storage().delete(key)


def delete_after_commit(domain: str, stored_name: str | None) -> None:
    """Remove a stored file once the current transaction commits (kept on rollback)."""
    try:
        key = storage.make_key(domain, stored_name)
    except FileNotFoundError:
        return
    files_follow_transaction.remove_once_committed(partial(storage.current_storage().delete, key))


def send_stored(domain: str, stored_name: str | None, *, download_name: str, content_type: str):
    """The response for a stored file: an attachment, never sniffed, never scripted.

    Call it only after the permission check. A missing file is a 404; a backend that
    does not answer is a 503. The bytes are streamed from the backend (a private
    bucket included), with ETag, Last-Modified and byte ranges.
    """
    try:
        blob = storage.current_storage().download(storage.make_key(domain, stored_name))
    except FileNotFoundError:
        abort(404)
    except storage.StorageError:
        log.exception("could not read a stored file of %s", domain)
        abort(503)
    response = send_file(
        blob.stream,
        mimetype=content_type.split(";")[0],
        as_attachment=True,
        download_name=display_name_of(download_name) or "file",
        etag=blob.etag,
        last_modified=blob.modified,
        conditional=False,
    )
    response.content_length = blob.size
    try:
        response = response.make_conditional(request, accept_ranges=True, complete_length=blob.size)
    except RequestedRangeNotSatisfiable:
        blob.stream.close()
        raise
    # Werkzeug would add a second charset to "text/csv; charset=utf-8": set it whole.
    response.headers["Content-Type"] = content_type
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    # Shown only after a permission check: shared caches must not keep a copy.
    response.cache_control.private = True
    return response


def format_size(size: int) -> str:
    """A file size for people: "12 KB", "3.4 MB", in the current locale."""
    if size < 1024:
        return _("%(size)s bytes", size=format_decimal(size))
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(round(size / 1024)))
    return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))
