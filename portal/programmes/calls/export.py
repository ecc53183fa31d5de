"""The applications of a call as CSV, one column per question, safe in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import gettext as _

from portal.core.csv_export import csv_chunks
from portal.programmes.calls.queries import all_rows


def _answer(value) -> str:
    """An answer as one cell: several choices joined by " | "."""
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return "" if value is None else str(value)


def export_csv(call) -> Iterator[str]:
    """The call's submitted applications as CSV text chunks (UTF-8 BOM first)."""
    questions = list(call.questions)
    header = [
        "id",
        _("State"),
        _("Applicant"),
        _("Email"),
        _("Organisation"),
        _("Territory"),
        _("Submitted at"),
        _("Average score"),
        _("Reviews"),
        _("People to invite"),
        *[q.label for q in questions],
    ]
    return csv_chunks(header, (_row(row, questions) for row in all_rows(call)))


def _row(row, questions) -> list:
    """One application's cells, its answers in the questions' order."""
    application, average, reviews = row
    applicant = application.applicant
    organisation = application.organisation
    return [
        application.id,
        application.state,
        applicant.display_name if applicant else "",
        applicant.email if applicant else "",
        organisation.name if organisation else "",
        application.territory,
        application.submitted_at.isoformat() if application.submitted_at else "",
        f"{float(average):.2f}" if average is not None else "",
        reviews,
        " ".join(application.invitees.split()),
        *[_answer((application.answers or {}).get(str(q.id))) for q in questions],
    ]
