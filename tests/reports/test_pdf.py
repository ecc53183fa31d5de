"""The PDF engine: a page with headings, a table and an SVG chart becomes a tagged PDF whose
text reads back, with page numbers, and static files come from disk, never the network."""

from __future__ import annotations

import io

import pytest

from portal.core.charts import Bar, bar_chart
from portal.reports.pdf import static_file_for
from tests.services import missing, weasyprint_problem

BASE = "http://portal.test/bilans/2025"


@pytest.fixture
def pdf_of(app):
    """`pdf_of(html)`: the PDF bytes render_pdf makes of `html` (skips without Pango)."""
    problem = weasyprint_problem()
    if problem:
        missing("WeasyPrint (Pango)", problem)
    from portal.reports.pdf import render_pdf

    def _render(html: str) -> bytes:
        with app.test_request_context("/bilans/2025"):
            return render_pdf(html, BASE)

    return _render


def report_page() -> str:
    """A small report page: headings, a table, an inline SVG chart, the print stylesheet."""
    chart = bar_chart(
        [Bar("Associations", 42, "42"), Bar("Collectivités", 17, "17")],
        chart_id="kinds",
        title="Alliés par type",
        desc="42 associations, 17 collectivités.",
    )
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Bilan 2025</title>
<link rel="stylesheet" href="/static/css/portal.css">
<link rel="stylesheet" href="/static/css/print.css" media="print">
</head><body>
<nav><a href="/">Accueil du portail</a></nav>
<main><h1>Bilan 2025</h1>
<h2>Les alliés</h2>
<p>Cent vingt-trois alliés ont signé la charte.</p>
<figure>{chart}<figcaption>Alliés par type d’organisation</figcaption></figure>
<table><caption>Alliés par type</caption>
<thead><tr><th scope="col">Type</th><th scope="col">Alliés</th></tr></thead>
<tbody><tr><td>Associations</td><td>42</td></tr><tr><td>Collectivités</td><td>17</td></tr></tbody>
</table>
<h2>Les séances</h2><p>Heures de séances : 318</p>
<form><button>Imprimer</button></form></main>
<footer class="site-footer">Pied de page du site</footer></body></html>"""


def structure_types(node, found=None) -> list[str]:
    """The structure types (/S) of a tagged PDF's structure tree, depth first."""
    found = [] if found is None else found
    node = node.get_object()
    if "/S" in node:
        found.append(str(node["/S"]))
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "get"):
            structure_types(kid, found)
    return found


def test_a_report_page_becomes_a_pdf_whose_text_reads_back(pdf_of):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_of(report_page())))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Bilan 2025", "Les alliés", "Les séances", "318", "Associations", "42"):
        assert expected in text
    # The print stylesheet numbers the pages and leaves the site's frame out.
    assert f"page 1 / {len(reader.pages)}" in text
    assert "Pied de page du site" not in text
    assert "Accueil du portail" not in text
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4


def test_the_pdf_is_tagged_with_its_headings_table_and_chart(pdf_of):
    from pypdf import PdfReader

    catalog = PdfReader(io.BytesIO(pdf_of(report_page()))).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]) == "fr"
    types = structure_types(catalog["/StructTreeRoot"])
    assert types.count("/H1") == 1
    assert types.count("/H2") == 2
    assert "/Table" in types and "/Figure" in types


def test_the_chart_stays_a_vector_drawing(pdf_of):
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(pdf_of(report_page()))).pages[0]
    assert not page.images  # no bitmap: the bars are paths
    assert "Alliés par type" in page.extract_text() or "Associations" in page.extract_text()


def test_static_urls_resolve_to_the_static_folder_only(app):
    folder, path = app.static_folder, app.static_url_path
    found = static_file_for("http://portal.test/static/css/print.css", BASE, folder, path)
    assert found is not None and found.name == "print.css"
    for refused in (
        "http://elsewhere.example/static/css/print.css",
        "https://portal.test/static/css/print.css",
        "http://portal.test/static/../config.py",
        "http://portal.test/static/%2e%2e/config.py",
        "http://portal.test/allies",
        "http://portal.test/static/css/none.css",
        "file:///etc/passwd",
    ):
        assert static_file_for(refused, BASE, folder, path) is None, refused


def test_a_page_pointing_elsewhere_renders_without_fetching_it(pdf_of, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the renderer went to the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    html = (
        '<html lang="en"><head><title>x</title>'
        '<link rel="stylesheet" href="http://elsewhere.example/evil.css"></head>'
        '<body><h1>Still here</h1><img alt="" src="file:///etc/hostname"></body></html>'
    )
    from pypdf import PdfReader

    assert "Still here" in PdfReader(io.BytesIO(pdf_of(html))).pages[0].extract_text()


def test_a_portal_page_prints_without_its_frame(client, pdf_of):
    from pypdf import PdfReader

    html = client.get("/donnees").get_data(as_text=True)
    reader = PdfReader(io.BytesIO(pdf_of(html)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Open data" in text and "Allies directory" in text
    assert f"page {len(reader.pages)} / {len(reader.pages)}" in text
    # The print stylesheet, read from the static folder, hid the header, menus and forms.
    for hidden in ("Skip to main content", "Log in", "Maillage — a portal"):
        assert hidden not in text
    # External links are printed with their address.
    assert "etalab.gouv.fr/licence-ouverte-open-licence" in text.replace("\n", "")
