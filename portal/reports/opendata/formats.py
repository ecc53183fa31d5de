"""A dataset's rows as CSV (UTF-8 with a BOM, formula-safe) or JSON (with its schema)."""

from __future__ import annotations

import json
from datetime import datetime

from portal.core.csv_export import csv_chunks
from portal.reports.opendata.datasets import LICENCE_NAME, LICENCE_URL, Field

MIMETYPES = {"csv": "text/csv", "json": "application/json"}


def _cell(value):
    """A CSV cell: booleans as true/false (as in the JSON), None as empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def as_csv(fields: tuple[Field, ...], rows: list[dict]) -> str:
    """The CSV text: a header of the field names, then the rows in the same order."""
    names = [f.name for f in fields]
    return "".join(csv_chunks(names, ([_cell(row[n]) for n in names] for row in rows)))


def as_json(
    fields: tuple[Field, ...], rows: list[dict], *, source: str, updated_at: datetime | None
) -> str:
    """The JSON text: the licence, the source page, the update time, the schema, the rows."""
    names = [f.name for f in fields]
    document = {
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "source": source,
        "updated_at": updated_at.isoformat() if updated_at else None,
        "fields": [f.as_json() for f in fields],
        "rows": [{n: row[n] for n in names} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
