"""Hostile files for the upload hardening tests: archive bombs, polyglots, scripted PDFs.

Each is small to build: bombs rely on zeros compressing a thousand times, and the caps
that would need hundreds of megabytes are lowered by the tests instead.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile

from tests.core import upload_samples as samples

OOXML_PARTS = {key: part for key, (part, _suffix) in samples.OOXML_MAIN.items()}
ODF_KINDS = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}


def office(key: str, extra: dict[str, bytes | str] | None = None) -> bytes:
    """A docx/xlsx/pptx or odt/ods/odp (upload_samples) with `extra` entries appended."""
    base = samples.odf(ODF_KINDS[key]) if key in ODF_KINDS else samples.ooxml(key)
    buffer = io.BytesIO(base)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in (extra or {}).items():
                archive.writestr(name, data)
    return buffer.getvalue()


def bomb(key: str, megabytes: int = 5) -> bytes:
    """An office document with one entry of zeros that packs about a thousand times."""
    return office(key, {"media/filler.xml": b"\0" * (megabytes * 1024 * 1024)})


def many_entries(key: str, count: int) -> bytes:
    """An office document with `count` tiny extra entries."""
    return office(key, {f"parts/p{index}.xml": "" for index in range(count)})


def long_directory(key: str, count: int = 3000) -> bytes:
    """Fewer entries than the cap, but a list of entries too long to read (1,500-char names)."""
    return office(key, {f"{index:05}" + "n" * 1500: "" for index in range(count)})


def with_duplicate_entry(key: str) -> bytes:
    """An office document naming one entry twice (readers disagree on which one counts)."""
    main = "content.xml" if key in ODF_KINDS else OOXML_PARTS[key]
    return office(key, {main: "<other/>"})


def _central_entries(data: bytes):
    """(offset of each central directory record, its file name)."""
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        yield at, data[at + 46 : at + 46 + name_length].decode()
        at = data.find(b"PK\x01\x02", at + 46 + name_length)


def lying_about_size(key: str) -> bytes:
    """An entry whose headers declare 1 KB for 3 MB of data (a bomb that hides its size)."""
    data = bytearray(office(key, {"media/filler.xml": b"\0" * (3 * 1024 * 1024)}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("media/filler.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1024)  # local header
    for at, name in list(_central_entries(bytes(data))):
        if name == "media/filler.xml":
            struct.pack_into("<I", data, at + 24, 1024)  # central directory
    return bytes(data)


def overlapping(key: str) -> bytes:
    """Two entries pointing at the same bytes (the trick of bombs that reuse one block)."""
    data = bytearray(office(key, {"a.xml": "<a/>" * 100, "b.xml": "<b/>" * 100}))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    target = archive.getinfo("a.xml").header_offset
    for at, name in list(_central_entries(bytes(data))):
        if name == "b.xml":
            struct.pack_into("<I", data, at + 42, target)
    return bytes(data)


def pdf_with(payload: bytes) -> bytes:
    """The minimal PDF with `payload` inserted before its end (as an extra object would be)."""
    data = samples.pdf()
    end = data.rfind(b"%%EOF")
    return data[:end] + payload + b"\n" + data[end:]


def gif_with_comment(comment: bytes) -> bytes:
    """A GIF carrying `comment` in a comment extension block."""
    gif = samples.gif()
    block = b"!\xfe" + bytes([len(comment)]) + comment + b"\x00"
    return gif[:-1] + block + b";"


def jpeg_with_comment(comment: bytes) -> bytes:
    """A JPEG carrying `comment` in a COM segment."""
    jpeg = samples.jpeg()
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + jpeg[2:]


def png_with_text(text: bytes) -> bytes:
    """A PNG carrying `text` in a tEXt chunk."""
    import zlib

    png = samples.png()
    body = b"tEXt" + b"Comment\x00" + text
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    return png[:33] + chunk + png[33:]  # after the signature and the IHDR chunk
