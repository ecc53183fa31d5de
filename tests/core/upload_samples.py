"""Small real files of every accepted type, and disguised ones, for the upload tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

ODF = "application/vnd.oasis.opendocument."
OOXML_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def pdf() -> bytes:
    """A minimal valid one-page PDF."""
    from portal.materials.demo import minimal_pdf

    return minimal_pdf("Maillage")


def png() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x6b\x45")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    """The start of a JFIF JPEG (enough for its signature)."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def gif() -> bytes:
    """A 1×1 GIF."""
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


def webp() -> bytes:
    """The RIFF/WEBP header of a WebP image."""
    body = b"WEBPVP8 " + struct.pack("<I", 10) + b"\x00" * 10
    return b"RIFF" + struct.pack("<I", len(body)) + body


def zip_of(entries: dict[str, bytes | str], *, stored_first: bool = True) -> bytes:
    """A zip with `entries` (the first one stored uncompressed, like ODF's mimetype)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(entries.items()):
            method = zipfile.ZIP_STORED if index == 0 and stored_first else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def odf(kind: str = "text") -> bytes:
    """An OpenDocument file (kind: text, spreadsheet, presentation)."""
    return zip_of({"mimetype": ODF + kind, "content.xml": "<office:document-content/>"})


def ooxml(key: str = "docx", main_type: str | None = None) -> bytes:
    """An Office Open XML file (docx, xlsx, pptx); `main_type` overrides its declared type."""
    part, suffix = OOXML_MAIN[key]
    declared = main_type or "application/vnd.openxmlformats-officedocument." + suffix
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/{part}" ContentType="{declared}"/></Types>'
    )
    return zip_of({"[Content_Types].xml": types, part: "<document/>"})


def exe() -> bytes:
    """The start of a Windows executable."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
XML_SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'  # noqa: E501
TEXT = "Compte rendu de la séance : énergie, eau, mobilités.\n".encode()
CSV = "commune;habitants\nLe Mené;6500\nLoos-en-Gohelle;6800\n".encode()
MARKDOWN = b'# Notes\n\n<p align="center">Un paragraphe HTML dans du Markdown.</p>\n'

#: (file name, content) of every accepted type.
ACCEPTED = {
    "pdf": ("rapport.pdf", pdf),
    "png": ("carte.png", png),
    "jpeg": ("photo.jpg", jpeg),
    "jpeg-long": ("photo.JPEG", jpeg),
    "gif": ("logo.gif", gif),
    "webp": ("photo.webp", webp),
    "odt": ("compte-rendu.odt", lambda: odf("text")),
    "ods": ("budget.ods", lambda: odf("spreadsheet")),
    "odp": ("atelier.odp", lambda: odf("presentation")),
    "docx": ("synthese.docx", lambda: ooxml("docx")),
    "xlsx": ("indicateurs.xlsx", lambda: ooxml("xlsx")),
    "pptx": ("restitution.pptx", lambda: ooxml("pptx")),
    "txt": ("notes.txt", lambda: TEXT),
    "csv": ("communes.csv", lambda: CSV),
    "md": ("notes.md", lambda: MARKDOWN),
}
