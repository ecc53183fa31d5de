"""CSV exports a spreadsheet opens safely: UTF-8 with a BOM, streamed row by row, every
cell guarded against formula injection (a cell starting with = + - @ runs as a formula)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

#: The first characters a spreadsheet reads as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula: a leading = + - @ gets a quote."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def csv_chunks(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV text chunks (the BOM first, then a chunk per row), every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def take() -> str:
        chunk = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return chunk

    yield "\ufeff"
    writer.writerow(csv_safe(cell) for cell in header)
    yield take()
    for row in rows:
        writer.writerow(csv_safe(cell) for cell in row)
        yield take()
