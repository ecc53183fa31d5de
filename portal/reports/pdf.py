"""Printable PDFs of the portal's pages, rendered by WeasyPrint from their own HTML.

The PDF is tagged (PDF/UA-1: headings, tables and figures in its structure tree, so
screen readers and reflow work) and keeps inline SVG charts as vectors. Its page numbers
come from static/css/print.css (CSS @page counters). Static files are read from the
app's static folder, never over HTTP: rendering makes no network request, and a page
that points anywhere else gets nothing for that URL (WeasyPrint logs it and goes on).

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0); it is imported when
a PDF is asked for, so the rest of the portal runs without it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app
from werkzeug.security import safe_join

#: The variant written: PDF/UA-1 turns tagging on and declares the conformance.
PDF_VARIANT = "pdf/ua-1"


def static_file_for(url: str, base_url: str, static_folder: str, static_path: str) -> Path | None:
    """The file of the static folder that `url` names, or None for any other URL (another
    host, another path, a path escaping the folder, a folder, a missing file)."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if parts.scheme not in ("http", "https") or (parts.scheme, parts.netloc) != (
        base.scheme,
        base.netloc,
    ):
        return None
    prefix = static_path.rstrip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    found = safe_join(static_folder, path[len(prefix) :])
    if found is None or not Path(found).is_file():
        return None
    return Path(found)


def _fetcher_class():
    """A WeasyPrint URL fetcher that serves the static folder and data: URLs, nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def __init__(self, base_url: str, static_folder: str, static_path: str):
            super().__init__(allowed_protocols=("http", "https", "data"))
            self.where = (base_url, static_folder, static_path)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                # Decoded by urllib's data: handler, in memory: no network.
                return super().fetch(url, headers)
            found = static_file_for(url, *self.where)
            if found is None:
                raise ValueError(f"not a static file of the portal: {url}")
            mimetype = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, found.read_bytes(), headers={"Content-Type": mimetype})

    return StaticFetcher


def render_pdf(html: str, base_url: str) -> bytes:
    """The PDF of `html` (a whole page, with its print stylesheet linked), whose relative
    URLs resolve against `base_url` (e.g. request.url_root); needs an app context."""
    from weasyprint import HTML

    app = current_app
    fetcher = _fetcher_class()(base_url, app.static_folder, app.static_url_path)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher, media_type="print")
    return document.write_pdf(pdf_variant=PDF_VARIANT)
