"""Importing allies from a CSV file: one service for the CLI and the upload form.

`read_csv(data)` turns the file's bytes into numbered rows or refuses the whole
file (not text, not CSV, missing columns); `import_allies(rows)` creates or
updates each organisation (by slug) and makes it a validated ally of the current
charter version, reporting each bad row with its line number while the good
rows go in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.alliance import charter
from portal.alliance.constants import DESCRIPTION_MAX, TERRITORY_MAX
from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.alliance.services.organisations import (
    check_name,
    find_by_slug,
    normalize_website,
    resolve_kind,
    resolve_region,
)
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.text import slugify

REQUIRED_COLUMNS = ("name", "kind", "region")
OPTIONAL_COLUMNS = ("territory", "website", "description")
#: Header spellings accepted besides the English names (as slugs).
COLUMN_ALIASES = {
    "nom": "name",
    "type": "kind",
    "nature": "kind",
    "territoire": "territory",
    "commune": "territory",
    "site": "website",
    "site-web": "website",
    "site-internet": "website",
    "url": "website",
}
SNIFF_BYTES = 16 * 1024


class CSVFormatError(ValueError):
    """The whole file is refused; `str(error)` is a translated message."""


@dataclass
class RowProblem:
    """A row that did not go in (or went in with a caveat), by line number."""

    line: int
    message: str


@dataclass
class ImportReport:
    """What an import did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """Rows that went in."""
        return self.created + self.updated + self.unchanged


def _decode(data: bytes) -> str:
    """UTF-8 text with or without BOM, else refuse the file."""
    if b"\x00" in data[:SNIFF_BYTES]:
        raise CSVFormatError(_("This file is not a CSV file (it looks binary)."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CSVFormatError(
            _("This file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        ) from None


def _dialect(text: str):
    """The delimiter (',' or ';') found by csv.Sniffer, else refuse the file."""
    sample = text[:SNIFF_BYTES]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;")
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        if ";" in header or "," in header:
            return csv.excel if header.count(",") >= header.count(";") else _Semicolon
        raise CSVFormatError(_("This file is not a CSV file with “,” or “;” separators.")) from None


class _Semicolon(csv.excel):
    """Spreadsheets in French write ';'-separated CSV."""

    delimiter = ";"


def _columns(header: list[str]) -> list[str]:
    """The header mapped to our column names; refuse a file without the required ones."""
    names = []
    for cell in header:
        slug = slugify(cell or "")
        names.append(COLUMN_ALIASES.get(slug, slug))
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise CSVFormatError(
            _(
                "The file lacks the column(s) %(missing)s. Expected columns: %(expected)s.",
                missing=", ".join(missing),
                expected=", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS),
            )
        )
    return names


def read_csv(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a CSV file's bytes; raises CSVFormatError for the file."""
    text = _decode(data)
    if not text.strip():
        raise CSVFormatError(_("The file is empty."))
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    try:
        columns = _columns(next(reader))
        rows = []
        for cells in reader:
            if any(cell.strip() for cell in cells):
                row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(columns)}
                rows.append((reader.line_num, row))
    except csv.Error as error:
        raise CSVFormatError(
            _("The file could not be read as CSV (line %(line)d).", line=reader.line_num)
        ) from error
    return rows


def _clean(row: dict[str, str]) -> dict[str, str]:
    """The organisation fields of a row; raises ValueError with the first problem."""
    name = check_name(row.get("name"))
    kind = resolve_kind(row.get("kind"))
    if kind is None:
        raise ValueError(_("Unknown kind “%(value)s”.", value=(row.get("kind") or "")[:50]))
    region = resolve_region(row.get("region"))
    if region is None:
        raise ValueError(_("Unknown region “%(value)s”.", value=(row.get("region") or "")[:50]))
    territory = " ".join((row.get("territory") or "").split())
    if len(territory) > TERRITORY_MAX:
        raise ValueError(
            _("The territory is too long (%(max)d characters at most).", max=TERRITORY_MAX)
        )
    description = (row.get("description") or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValueError(
            _("The description is too long (%(max)d characters at most).", max=DESCRIPTION_MAX)
        )
    fields = {"name": name, "kind": kind, "region": region, "territory": territory}
    fields["website"] = normalize_website(row.get("website"))
    if "description" in row:
        fields["description"] = description
    return fields


def _save(fields: dict[str, str]) -> tuple[Organisation, str]:
    """Create the organisation or update the one with the same slug; (org, outcome)."""
    organisation = find_by_slug(slugify(fields["name"]))
    if organisation is None:
        organisation = Organisation(slug=slugify(fields["name"]), **fields)
        db.session.add(organisation)
        return organisation, "created"
    changed = {k: v for k, v in fields.items() if getattr(organisation, k) != v}
    for name, value in changed.items():
        setattr(organisation, name, value)
    return organisation, "updated" if changed else "unchanged"


def _make_ally(organisation: Organisation, version: int, decided_by) -> bool:
    """Validate the organisation for `version`; False if it withdrew (left as it is)."""
    db.session.flush()
    key = Signature.key_for_organisation(organisation.id)
    signature = db.session.scalar(
        select(Signature).where(
            Signature.signatory_key == key, Signature.charter_version == version
        )
    )
    if signature is None:
        db.session.add(
            Signature(
                signatory_key=key,
                charter_version=version,
                organisation=organisation,
                signer=None,
                status=SignatureStatus.VALIDATED.value,
                decided_at=utcnow(),
                decided_by=decided_by,
                source="import",
            )
        )
    elif signature.status == SignatureStatus.WITHDRAWN.value:
        return False
    elif signature.status != SignatureStatus.VALIDATED.value:
        signature.status = SignatureStatus.VALIDATED.value
        signature.decided_at = utcnow()
        signature.decided_by = decided_by
        signature.refusal_reason = None
    return True


def import_allies(rows: Iterable[tuple[int, dict[str, str]]], *, decided_by=None) -> ImportReport:
    """Create or update each row's organisation as a validated ally of the current version.

    Each row runs in its own savepoint, so a bad row is reported and skipped
    while the good ones go in. An organisation that withdrew its signature is
    updated but not made an ally again (a note says so). The caller commits.
    """
    version = charter.current_version().number
    report = ImportReport()
    for line, row in rows:
        try:
            fields = _clean(row)
        except ValueError as error:
            report.errors.append(RowProblem(line, str(error)))
            continue
        try:
            with db.session.begin_nested():
                organisation, outcome = _save(fields)
                is_ally = _make_ally(organisation, version, decided_by)
        except IntegrityError:  # a concurrent import created the same organisation
            report.errors.append(RowProblem(line, _("This row could not be saved; try again.")))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
        if not is_ally:
            report.notes.append(
                RowProblem(
                    line,
                    _(
                        "%(name)s withdrew its signature: its details were updated, "
                        "but it was not made an ally again.",
                        name=organisation.name,
                    ),
                )
            )
    return report
