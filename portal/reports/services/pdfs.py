"""The stored PDF of a published version: generated once, at its first request, then kept.

Generated lazily rather than at publishing: rendering needs the page's request (its URL
root, the visitor's language for the frame) and Pango, and a publication must not fail
or wait on either. Two first requests may both render; the UPDATE ... WHERE pdf_key IS
NULL lets one store its key, and the other's file is removed with its transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from io import BytesIO

from sqlalchemy import update

from portal.core import files_follow_transaction, storage
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.reports.models import ReportVersion

#: The storage folder of the reports' PDFs.
PDF_DOMAIN = "reports"


def pdf_filename(year: int, number: int | None) -> str:
    """The name a downloaded PDF is saved as: "bilan-2025-v1.pdf", "bilan-2026-brouillon.pdf"."""
    return f"bilan-{year}-v{number}.pdf" if number else f"bilan-{year}-brouillon.pdf"


def stored_pdf_key(found: ReportVersion, render: Callable[[], bytes]) -> str:
    """The key of `found`'s stored PDF, made with `render()` and recorded if it has none.

    The caller commits; until then the new file is removed if the transaction rolls back.
    """
    if found.pdf_key:
        return found.pdf_key
    backend = storage.current_storage()
    key = backend.save(PDF_DOMAIN, BytesIO(render()))
    files_follow_transaction.remove_unless_committed(partial(backend.delete, key))
    stored = db.session.execute(
        update(ReportVersion)
        .where(ReportVersion.id == found.id, ReportVersion.pdf_key.is_(None))
        .values(pdf_key=key, pdf_generated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if stored.rowcount == 1:
        db.session.refresh(found, ["pdf_key", "pdf_generated_at"])
        return key
    # Another request stored its PDF first: ours is not recorded, remove it now.
    backend.delete(key)
    db.session.refresh(found, ["pdf_key", "pdf_generated_at"])
    return found.pdf_key
