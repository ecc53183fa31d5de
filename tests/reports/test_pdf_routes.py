"""The reports' PDFs: the demo report's reads back, tagged; stored once per version and
served from storage; drafts only for administrators; a translated 503 without WeasyPrint."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from tests import factories
from tests.reports.test_pdf import structure_types
from tests.services import missing, weasyprint_problem


@pytest.fixture
def renders(monkeypatch):
    """The calls of render_pdf (the real one runs; skips without Pango)."""
    problem = weasyprint_problem()
    if problem:
        missing("WeasyPrint (Pango)", problem)
    from portal.reports import pdf

    calls = []
    real = pdf.render_pdf

    def counting(html, base_url):
        calls.append(base_url)
        return real(html, base_url)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    return calls


@pytest.fixture
def fake_pdf(monkeypatch):
    """render_pdf replaced by a fast fake whose bytes name the version rendered; counts calls."""
    from portal.reports import pdf

    calls = []

    def fake(html, base_url):
        calls.append(html)
        marker = "Version 2" if "Version 2," in html else "Version 1"
        return f"%PDF-1.7 fake {marker} {len(calls)}".encode()

    monkeypatch.setattr(pdf, "render_pdf", fake)
    return calls


def get(client, url: str, **options):
    """GET `url`, its body read and its stored file closed (no ResourceWarning)."""
    return client.get(url, buffered=True, **options)


def stored_version(year: int, number: int):
    from portal.core.extensions import db
    from portal.reports.models import Report, ReportVersion

    with factories.context():
        return db.session.execute(
            select(ReportVersion.pdf_key, ReportVersion.pdf_generated_at)
            .join(Report)
            .where(Report.year == year, ReportVersion.number == number)
        ).one()


def test_the_demo_report_pdf_reads_back_with_its_headings_and_figures_and_is_tagged(
    app, client, renders, figures
):
    from pypdf import PdfReader

    from portal.core.extensions import db
    from portal.reports.demo import seed_reports_demo

    figures.set(2025, signatures=37)  # the allies' section, with a chart of regions
    with app.app_context():
        seed_reports_demo()
        db.session.commit()
    page = client.get("/bilans/2025").get_data(as_text=True)
    response = get(client, "/bilans/2025.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "filename=bilan-2025-v1.pdf" in response.headers["Content-Disposition"]
    assert 'href="/bilans/2025.pdf"' in page
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    # Stored once for every reader: in the portal's language (French), whoever asked first.
    for expected in ("Bilan 2025", "Introduction", "Temps forts", "Perspectives", "Version 1"):
        assert expected in text
    assert "La Fabrique des transitions" in text  # the demo's editorial text
    assert "37" in text and "100" in text and "Bretagne" in text  # totals, the table
    # The chart is drawn as vector paths, not embedded as a picture.
    for page_object in reader.pages:
        pictures = page_object["/Resources"].get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in pictures.values())
    assert "Télécharger" not in text and "Version imprimable" not in text  # the screen's links
    root = reader.trailer["/Root"]
    assert str(root.get("/Lang", "")).startswith("fr")
    assert bool(root["/MarkInfo"]["/Marked"])
    kinds = structure_types(root["/StructTreeRoot"])
    assert "/H1" in kinds and "/H2" in kinds
    assert len(renders) == 1 and renders[0] == "http://localhost/"


def test_the_pdf_is_made_once_then_served_from_storage(client, fake_pdf, figures):
    factories.report(2025, published=True)
    first = get(client, "/bilans/2025.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    key, generated_at = stored_version(2025, 1)
    assert key and key.startswith("reports/") and generated_at is not None
    second = get(client, "/bilans/2025.pdf")
    again = get(client, "/bilans/2025/versions/1.pdf")
    assert second.data == first.data == again.data and len(fake_pdf) == 1
    assert stored_version(2025, 1) == (key, generated_at)
    assert "public" in second.headers["Cache-Control"] and second.headers["ETag"]
    assert (
        get(
            client, "/bilans/2025.pdf", headers={"If-None-Match": second.headers["ETag"]}
        ).status_code
        == 304
    )


def test_each_version_gets_its_own_file(client, login, fake_pdf, figures):
    factories.report(2025, published=True)
    login(client, factories.user(role="admin"))
    assert client.post("/bilans/2025/publier", data={"note": "Corrigé."}).status_code == 302
    latest = get(client, "/bilans/2025.pdf")
    first = get(client, "/bilans/2025/versions/1.pdf")
    assert b"Version 2" in latest.data and b"Version 1" in first.data
    assert "filename=bilan-2025-v1.pdf" in first.headers["Content-Disposition"]
    assert "filename=bilan-2025-v2.pdf" in latest.headers["Content-Disposition"]
    assert stored_version(2025, 1)[0] != stored_version(2025, 2)[0]
    page = client.get("/bilans/2025/versions/1").get_data(as_text=True)
    assert 'href="/bilans/2025/versions/1.pdf"' in page


def test_a_draft_pdf_is_for_administrators_only_and_never_stored(client, login, fake_pdf, figures):
    factories.report(2026)
    assert get(client, "/bilans/2026.pdf").status_code == 404
    assert get(client, "/bilans/2026.pdf?brouillon=1").status_code == 404
    login(client, factories.user())
    assert get(client, "/bilans/2026.pdf?brouillon=1").status_code == 404
    login(client, factories.user(role="admin"))
    response = get(client, "/bilans/2026.pdf?brouillon=1")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    assert "filename=bilan-2026-brouillon.pdf" in response.headers["Content-Disposition"]
    get(client, "/bilans/2026.pdf")
    assert len(fake_pdf) == 2  # live each time
    page = client.get("/bilans/2026").get_data(as_text=True)
    assert 'href="/bilans/2026.pdf?brouillon=1"' in page


def test_a_published_report_s_draft_pdf_is_live_for_administrators(
    client, login, fake_pdf, figures
):
    factories.report(2025, published=True)
    get(client, "/bilans/2025.pdf?brouillon=1")  # visitors get the published one
    assert stored_version(2025, 1)[0] is not None
    login(client, factories.user(role="admin"))
    response = get(client, "/bilans/2025.pdf?brouillon=1")
    assert "brouillon" in response.headers["Content-Disposition"]
    assert "Draft" in fake_pdf[-1]


@pytest.mark.parametrize(
    "url", ["/bilans/1999.pdf", "/bilans/2025/versions/7.pdf", "/bilans/1999/versions/1.pdf"]
)
def test_unknown_years_and_versions_are_404(client, fake_pdf, figures, url):
    factories.report(2025, published=True)
    assert get(client, url).status_code == 404
    assert fake_pdf == []


def test_without_weasyprint_the_pdf_is_a_translated_503_and_nothing_is_stored(
    client, monkeypatch, figures
):
    from portal.reports import pdf

    def broken(html, base_url):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    factories.report(2025, published=True)
    response = get(client, "/bilans/2025.pdf")
    assert response.status_code == 503 and "print view" in response.get_data(as_text=True)
    assert stored_version(2025, 1) == (None, None)
    french = get(client, "/bilans/2025.pdf", headers={"Accept-Language": "fr"})
    assert french.status_code == 503


def test_of_two_first_requests_one_stores_its_pdf_and_the_other_s_file_is_removed(app, figures):
    from io import BytesIO

    from sqlalchemy import update

    from portal.core import storage
    from portal.core.extensions import db
    from portal.reports.models import ReportVersion
    from portal.reports.services import pdfs, reports, versions

    factories.report(2025, published=True)
    with app.test_request_context("/bilans/2025.pdf"):
        found = versions.version(reports.report_by_year(2025))
        backend = storage.current_storage()
        winner = backend.save(pdfs.PDF_DOMAIN, BytesIO(b"%PDF winner"))
        before = set((backend.root / pdfs.PDF_DOMAIN).iterdir())

        def render_while_another_request_stores() -> bytes:
            db.session.execute(
                update(ReportVersion).where(ReportVersion.id == found.id).values(pdf_key=winner)
            )
            return b"%PDF loser"

        assert pdfs.stored_pdf_key(found, render_while_another_request_stores) == winner
        db.session.commit()
        with backend.open(winner) as stored:
            assert found.pdf_key == winner and stored.read() == b"%PDF winner"
        assert set((backend.root / pdfs.PDF_DOMAIN).iterdir()) == before  # the loser's is gone
