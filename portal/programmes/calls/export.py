"""The applications of a call as CSV, one column per question, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask_babel import gettext as _

from portal.alliance.services.directory import csv_safe
from portal.programmes.calls.queries import all_rows


def _answer(value) -> str:
    """An answer as one cell: several choices joined by " | "."""
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return "" if value is None else str(value)


def export_csv(call) -> Iterator[str]:
    """The call's submitted applications as CSV text chunks (UTF-8 BOM first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        chunk = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return chunk

    questions = list(call.questions)
    yield "\ufeff"
    writer.writerow(
        csv_safe(cell)
        for cell in [
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
    )
    yield flush()
    for application, average, reviews in all_rows(call):
        applicant = application.applicant
        organisation = application.organisation
        writer.writerow(
            csv_safe(cell)
            for cell in [
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
        )
        yield flush()
