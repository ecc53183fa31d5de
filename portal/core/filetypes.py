"""What an uploaded file really is, read from its bytes rather than its name.

A small pure-Python sniffer (no libmagic): magic numbers for PDF and images, the
`mimetype` entry of OpenDocument zips, the `[Content_Types].xml` of Office Open XML
zips, and valid UTF-8 without NUL bytes for plain text. Anything else is unknown,
hence refused: the allow-list is `FILE_TYPES`. A file of an accepted type may still
hide a danger (archive bomb, page code, PDF script): `sniff` lets portal/core/hazards.py
raise UnsafeContent for it.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from portal.core import hazards
from portal.core.hazards import UnsafeContent  # noqa: F401 - part of this module's interface

#: File type families, shared by every domain that lists uploads.
FAMILIES = {
    "document": _l("Document"),
    "spreadsheet": _l("Spreadsheet"),
    "presentation": _l("Presentation"),
    "image": _l("Image"),
}


@dataclass(frozen=True)
class FileType:
    """One accepted type: its key, label, served content type, family and file extensions."""

    key: str
    label: object  # a lazy string
    content_type: str
    family: str
    extensions: tuple[str, ...]


_ODF = "application/vnd.oasis.opendocument."
_OOXML = "application/vnd.openxmlformats-officedocument."
FILE_TYPES = {
    t.key: t
    for t in (
        FileType("pdf", _l("PDF document"), "application/pdf", "document", ("pdf",)),
        FileType("png", _l("PNG image"), "image/png", "image", ("png",)),
        FileType("jpeg", _l("JPEG image"), "image/jpeg", "image", ("jpg", "jpeg")),
        FileType("gif", _l("GIF image"), "image/gif", "image", ("gif",)),
        FileType("webp", _l("WebP image"), "image/webp", "image", ("webp",)),
        FileType("odt", _l("OpenDocument text"), _ODF + "text", "document", ("odt",)),
        FileType(
            "ods", _l("OpenDocument spreadsheet"), _ODF + "spreadsheet", "spreadsheet", ("ods",)
        ),
        FileType(
            "odp", _l("OpenDocument presentation"), _ODF + "presentation", "presentation", ("odp",)
        ),
        FileType(
            "docx",
            _l("Word document"),
            _OOXML + "wordprocessingml.document",
            "document",
            ("docx",),
        ),
        FileType(
            "xlsx",
            _l("Excel spreadsheet"),
            _OOXML + "spreadsheetml.sheet",
            "spreadsheet",
            ("xlsx",),
        ),
        FileType(
            "pptx",
            _l("PowerPoint presentation"),
            _OOXML + "presentationml.presentation",
            "presentation",
            ("pptx",),
        ),
        FileType("txt", _l("plain text"), "text/plain; charset=utf-8", "document", ("txt",)),
        FileType("csv", _l("CSV table"), "text/csv; charset=utf-8", "spreadsheet", ("csv",)),
        FileType(
            "md",
            _l("Markdown text"),
            "text/markdown; charset=utf-8",
            "document",
            ("md", "markdown"),
        ),
    )
}
#: Every extension accepted, for messages and the file input's `accept` attribute.
ACCEPTED_EXTENSIONS = tuple(sorted(ext for t in FILE_TYPES.values() for ext in t.extensions))
#: Names that say "script inside": refused with their own message.
SCRIPT_EXTENSIONS = frozenset(
    {"svg", "svgz", "html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "mht", "mhtml"}
    | {"js", "mjs"}
)

#: Sniff results that are not a FileType key.
TEXT = "text"  # valid UTF-8 without NUL: txt, csv or md, as the extension says
MARKUP = "markup"  # text that a browser would render as a page or an SVG image
TEXT_TYPES = ("txt", "csv", "md")
TEXT_EXTENSIONS = frozenset(ext for key in TEXT_TYPES for ext in FILE_TYPES[key].extensions)

_MAGIC = (
    ("pdf", lambda head: head.startswith(b"%PDF-")),
    ("png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ("jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ("gif", lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    ("webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
)
_ZIP_MAGIC = b"PK\x03\x04"
#: The `mimetype` entry of an OpenDocument zip -> key.
_ODF_MIMETYPES = {_ODF + "text": "odt", _ODF + "spreadsheet": "ods", _ODF + "presentation": "odp"}
#: OOXML main part -> (content type of that part, key). Macro-enabled variants declare
#: other content types (…macroEnabled.main+xml) and are therefore refused.
_OOXML_PARTS = {
    "word/document.xml": (_OOXML + "wordprocessingml.document.main+xml", "docx"),
    "xl/workbook.xml": (_OOXML + "spreadsheetml.sheet.main+xml", "xlsx"),
    "ppt/presentation.xml": (_OOXML + "presentationml.presentation.main+xml", "pptx"),
}
#: Entries read to identify a zip are tiny; a bigger one is not what it claims.
_ZIP_ENTRY_MAX = 512 * 1024
# What makes a browser treat text as a page or an image with scripts (after the WHATWG
# sniffing rules): a document-level tag or any doctype at the start, possibly after
# comments. Fragments such as <p> are harmless in a text file served as an attachment,
# and common in Markdown.
_MARKUP_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*"
    r"<(?:!doctype|html|head|body|script|iframe|svg|\?xml|!\[cdata\[)(?=[\s>/])",
    re.IGNORECASE | re.DOTALL,
)
_CHUNK = 64 * 1024


def sniff(stream: BinaryIO) -> str | None:
    """The content kind of `stream`: a FILE_TYPES key, TEXT, MARKUP, or None if unknown.

    Raises UnsafeContent for a file of an accepted type that hides a danger. Reads from
    the start and leaves the position anywhere; callers seek back.
    """
    stream.seek(0)
    head = stream.read(16)
    for key, matches in _MAGIC:
        if matches(head):
            hazards.check(key, stream)
            return key
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(stream)
    return _sniff_text(stream)


def _sniff_zip(stream: BinaryIO) -> str | None:
    """OpenDocument or Office Open XML, from the entries that declare the type.

    An identified document is then checked whole (hazards.check_archive): the kind is
    only returned for an archive that is safe to keep.
    """
    hazards.check_directory(stream)
    stream.seek(0, 2)
    packed_size = stream.tell()
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            key = _zip_kind(archive)
            if key is not None:
                hazards.check_archive(archive, packed_size)
            return key
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,  # encrypted entries
        NotImplementedError,  # unsupported compression methods
        KeyError,
    ):
        # Damaged, encrypted, oddly compressed or lying archives: not a document we accept.
        return None


def _zip_kind(archive: zipfile.ZipFile) -> str | None:
    """The FILE_TYPES key the archive's own declaration entries give, or None."""
    names = set(archive.namelist())
    if "mimetype" in names:
        declared = _read_entry(archive, "mimetype").decode("ascii").strip()
        return _ODF_MIMETYPES.get(declared)
    if "[Content_Types].xml" in names:
        declared = _read_entry(archive, "[Content_Types].xml").decode("utf-8")
        for part, (content_type, key) in _OOXML_PARTS.items():
            if part in names and content_type in declared:
                return key
    return None


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of a small entry; a large one raises ValueError (it cannot be a type tag)."""
    info = archive.getinfo(name)
    if info.file_size > _ZIP_ENTRY_MAX:
        raise ValueError(f"{name} is too large to be a type declaration")
    return archive.read(info)


def _sniff_text(stream: BinaryIO) -> str | None:
    """TEXT for valid UTF-8 without NUL bytes, MARKUP if it starts like a page; else None."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    start = ""
    try:
        while chunk := stream.read(_CHUNK):
            if b"\x00" in chunk:
                return None
            decoded = decoder.decode(chunk)
            if len(start) < 1024:
                start = (start + decoded)[:1024]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return MARKUP if _MARKUP_START.match(start.lstrip("\ufeff")) else TEXT


def resolve(kind: str | None, extension: str) -> FileType | None:
    """The accepted FileType for sniffed `kind` named with `extension`, if they agree."""
    if kind == TEXT:
        candidates = [FILE_TYPES[key] for key in TEXT_TYPES]
    elif kind in FILE_TYPES:
        candidates = [FILE_TYPES[kind]]
    else:
        return None
    return next((t for t in candidates if extension in t.extensions), None)


def describe(kind: str | None) -> str:
    """A short name of a sniffed kind, for refusal messages."""
    if kind == TEXT:
        return str(_l("plain text"))
    if kind in FILE_TYPES:
        return str(FILE_TYPES[kind].label)
    return str(_l("unknown content"))
