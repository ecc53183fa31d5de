"""The PDFs of the reports: a published version's stored once, the draft's live (administrators)."""

from __future__ import annotations

from flask import abort, current_app, request
from flask_babel import force_locale

from portal.core import uploads
from portal.core.errors import render_error
from portal.core.extensions import db
from portal.core.storage import StorageError
from portal.reports import bp
from portal.reports.services import pdfs, versions
from portal.reports.views.helpers import render_report, report_or_404, viewer_choice

#: Seconds a browser may keep a published PDF without asking: a version never changes.
PUBLISHED_MAX_AGE = 3600


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or Pango under it) cannot render on this server."""


def _render(report, shown) -> bytes:
    """The PDF of the print view of `shown`; PdfUnavailable without WeasyPrint."""
    try:
        from portal.reports.pdf import render_pdf

        html = render_report(report, shown, printing=True)
        return render_pdf(html, request.url_root)
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from error


def _unavailable(error: Exception):
    """The translated 503 page when PDFs cannot be made or stored here."""
    from flask_babel import gettext as _

    current_app.logger.error("cannot make or store a report's PDF: %s", error)
    return render_error(
        503, _("The PDF cannot be made at the moment. The print view shows the same report.")
    )


def _send_version(report, found, history=None):
    """The stored PDF of a published version, made at its first request."""

    def make() -> bytes:
        known = versions.history(report) if history is None else history
        # Stored once for everyone: in the portal's language, not the first reader's.
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            return _render(report, versions.shown_version(report, found, known))

    # Read before a commit expires them.
    key, filename = found.pdf_key, pdfs.pdf_filename(report.year, found.number)
    if key is None:
        try:
            key = pdfs.stored_pdf_key(found, make)
            db.session.commit()
        except (PdfUnavailable, StorageError) as error:
            db.session.rollback()
            return _unavailable(error)
    response = uploads.send_stored(
        pdfs.PDF_DOMAIN,
        key.partition("/")[2],
        download_name=filename,
        content_type="application/pdf",
    )
    # Public once published, and a version's PDF never changes: shared caches may keep it.
    response.cache_control.private = None
    response.cache_control.public = True
    response.cache_control.max_age = PUBLISHED_MAX_AGE
    return response


def _send_draft(report, shown):
    """The draft's PDF with the figures of now: rendered each time, never stored or cached."""
    try:
        body = _render(report, shown)
    except PdfUnavailable as error:
        return _unavailable(error)
    response = current_app.response_class(body, mimetype="application/pdf")
    filename = pdfs.pdf_filename(report.year, None)
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = uploads.DOWNLOAD_CSP
    response.cache_control.no_store = True
    response.cache_control.private = True
    return response


@bp.route("/bilans/<int:year>.pdf")
def pdf(year: int):
    """The latest published version's PDF; the draft's for administrators (?brouillon=1)."""
    report = report_or_404(year)
    history, found = viewer_choice(report, bool(request.args.get("brouillon")))
    if found is None:
        return _send_draft(report, versions.shown_draft(report, history))
    return _send_version(report, found, history)


@bp.route("/bilans/<int:year>/versions/<int:number>.pdf")
def version_pdf(year: int, number: int):
    """The PDF of a published version as it was."""
    report = report_or_404(year)
    found = versions.version(report, number)
    if found is None:
        abort(404)
    return _send_version(report, found)
