"""Dangers hidden inside files of an accepted type, found before anything is stored.

filetypes.py says what a file is; this module says whether that file is safe to keep:
- Office and OpenDocument files are zip archives: an "archive bomb" (a few kilobytes
  that unpack to gigabytes, or hundreds of thousands of entries) would exhaust the
  memory of whoever opens it, a preview tool, or an indexer. The central directory is
  measured before it is parsed, the declared sizes are capped, and every entry is then
  unpacked once, within those caps, so that sizes which lie are caught by the checksum.
- Images and PDFs that also hold a web page or a script ("polyglots") are refused:
  the portal serves them as attachments with nosniff and a sandbox CSP anyway, but a
  copy served elsewhere by a careless server would run.
- PDFs with JavaScript or launch actions run code in the reader that opens them.
"""

from __future__ import annotations

import re
import struct
import zipfile
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

#: At most this many entries in an office document (a long presentation has ~2,000).
ZIP_MAX_ENTRIES = 10_000
#: The central directory (the entries' list) is read only if it is at most this long.
ZIP_MAX_DIRECTORY = 4 * 1024 * 1024
#: At most this much data once unpacked, whatever the file's own size.
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
#: An entry above ZIP_RATIO_FLOOR bytes may unpack to at most this many times its packed
#: size (text compresses ten to thirty times; bombs a thousand).
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 1024 * 1024

_SCAN_CHUNK = 1024 * 1024
_SCAN_OVERLAP = 64
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIGNATURE = b"PK\x05\x06"
# Tags with which a browser would render the bytes as a page or a scripted image.
_PAGE_TAGS = rb"!doctype\s+html|html|script|iframe|svg|object|embed|frameset"
_MARKUP_IN_IMAGE = re.compile(rb"<(?:" + _PAGE_TAGS + rb"|head|body)(?=[\s>/])", re.IGNORECASE)
# PDFs legitimately carry <body> in comments' rich text (/RC): not a page by itself.
_MARKUP_IN_PDF = re.compile(rb"<(?:" + _PAGE_TAGS + rb")(?=[\s>/])", re.IGNORECASE)
_PDF_DELIMITER = rb"(?=[\s()<>\[\]{}/%])"  # no "$": a chunk may end mid-name
# An active name as written, or the start of a name with #xx escapes (/J#61vaScript is
# /JavaScript), which is then read whole and decoded: escapes are rare, so the work done
# in Python stays small even for a PDF full of names.
_PDF_SUSPECT = re.compile(
    rb"/(?:JavaScript|JS|Launch)" + _PDF_DELIMITER + rb"|/[A-Za-z]*#[0-9A-Fa-f]{2}"
)
_PDF_NAME = re.compile(rb"/((?:[A-Za-z]|#[0-9A-Fa-f]{2})+)" + _PDF_DELIMITER)
_PDF_ACTIVE_NAMES = frozenset({"JS", "JavaScript", "Launch"})
_IMAGE_KINDS = frozenset({"png", "jpeg", "gif", "webp"})


class UnsafeContent(Exception):  # noqa: N818 - reads as a verdict: raise UnsafeContent(...)
    """A file of an accepted type that must not be kept; `reason` is a lazy message."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


BOMB = _l(
    "This file unpacks to far more data than it holds (an “archive bomb”): it is not accepted."
)
TOO_MANY_ENTRIES = _l(
    "This document is made of too many parts (more than %(count)s): it is not accepted.",
    count=f"{ZIP_MAX_ENTRIES:,}",
)
DAMAGED = _l(
    "This document's archive is damaged or unsafe (wrong sizes, checksums or paths): "
    "save it again from its application and send the new file."
)
HIDDEN_PAGE = _l(
    "This file hides web page code (HTML or script) inside it: it is not accepted. "
    "Export it again from the application that made it."
)
PDF_SCRIPT = _l(
    "PDF files with scripts or launch actions are not accepted. Print the document to "
    "a new PDF file (“Print to PDF”) and send that one."
)


def check(kind: str | None, stream: BinaryIO) -> None:
    """Raise UnsafeContent if the file of sniffed `kind` hides one of the dangers above.

    Zip containers are checked by `check_archive` while they are identified.
    """
    if kind in _IMAGE_KINDS and _search(stream, _MARKUP_IN_IMAGE):
        raise UnsafeContent(HIDDEN_PAGE)
    if kind == "pdf":
        if _search(stream, _MARKUP_IN_PDF):
            raise UnsafeContent(HIDDEN_PAGE)
        if _pdf_is_active(stream):
            raise UnsafeContent(PDF_SCRIPT)


# --- zip containers ---------------------------------------------------------------


def check_directory(stream: BinaryIO) -> None:
    """Refuse a zip whose list of entries is too long to read, before zipfile parses it."""
    stream.seek(0, 2)
    size = stream.tell()
    tail_start = max(0, size - (_EOCD.size + 65535))  # the record plus its longest comment
    stream.seek(tail_start)
    tail = stream.read()
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or at + _EOCD.size > len(tail):
        return  # not a zip after all: zipfile will say so
    record = _EOCD.unpack_from(tail, at)
    entries, directory_size = record[4], record[5]
    # 0xFFFF / 0xFFFFFFFF announce ZIP64, which no office document of this size needs.
    if entries > ZIP_MAX_ENTRIES or entries == 0xFFFF or directory_size > ZIP_MAX_DIRECTORY:
        raise UnsafeContent(TOO_MANY_ENTRIES)


def check_archive(archive: zipfile.ZipFile, packed_size: int) -> None:
    """Refuse a bomb, a damaged or overlapping archive, or entries with unsafe paths."""
    entries = archive.infolist()
    if len(entries) > ZIP_MAX_ENTRIES:
        raise UnsafeContent(TOO_MANY_ENTRIES)
    total = 0
    for info in entries:
        total += info.file_size
        ratio_too_high = info.file_size > max(ZIP_RATIO_FLOOR, info.compress_size * ZIP_MAX_RATIO)
        if total > ZIP_MAX_UNPACKED or ratio_too_high:
            raise UnsafeContent(BOMB)
        if not _safe_entry_name(info.filename):
            raise UnsafeContent(DAMAGED)
    # Many entries each below the floor can add up to a bomb just as well.
    if total > max(ZIP_RATIO_FLOOR, packed_size * ZIP_MAX_RATIO):
        raise UnsafeContent(BOMB)
    if _overlapping(entries, packed_size) or len({i.filename for i in entries}) < len(entries):
        raise UnsafeContent(DAMAGED)
    _unpack_everything(archive, entries)


def _safe_entry_name(name: str) -> bool:
    """No absolute path, drive, parent folder or control character (a "zip slip")."""
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return False
    parts = re.split(r"[\\/]", name)
    return ".." not in parts and not any(ord(c) < 32 for c in name)


def _overlapping(entries: list[zipfile.ZipInfo], packed_size: int) -> bool:
    """Whether two entries share bytes: the trick of bombs that reuse one compressed block."""
    ordered = sorted(entries, key=lambda i: i.header_offset)
    for current, following in zip(ordered, ordered[1:] + [None], strict=True):
        end = current.header_offset + 30 + len(current.orig_filename.encode())
        end += current.compress_size
        if end > (following.header_offset if following else packed_size):
            return True
    return False


def _unpack_everything(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Unpack each entry once, discarding the bytes: a size that lies fails its checksum.

    zipfile never reads past the declared size, which the caps above already bound, so
    this costs at most ZIP_MAX_UNPACKED bytes of work.
    """
    try:
        for info in entries:
            with archive.open(info) as entry:
                while entry.read(_SCAN_CHUNK):
                    pass
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        raise UnsafeContent(DAMAGED) from None


# --- images and PDFs --------------------------------------------------------------


def _search(stream: BinaryIO, pattern: re.Pattern) -> bool:
    """Whether `pattern` occurs anywhere in `stream` (read in chunks that overlap)."""
    return next(_find_all(stream, pattern), None) is not None


def _find_all(stream: BinaryIO, pattern: re.Pattern):
    """Every match of `pattern` in `stream`; one spanning two chunks is found too."""
    stream.seek(0)
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        yield from pattern.finditer(window)
        tail = window[-_SCAN_OVERLAP:]


def _pdf_is_active(stream: BinaryIO) -> bool:
    """Whether the PDF names JavaScript or a launch action (escaped names included)."""
    for suspect in _find_all(stream, _PDF_SUSPECT):
        if b"#" not in suspect.group():
            return True
        name = _PDF_NAME.match(suspect.string, suspect.start())
        if name is None:
            continue
        decoded = re.sub(
            rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m.group(1).decode()), name[1]
        )
        if decoded.decode("latin-1") in _PDF_ACTIVE_NAMES:
            return True
    return False
