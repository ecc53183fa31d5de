"""The report pages: sections with totals, charts, tables and summaries; the draft banner;
versions and their notes; the print view; the editorial parts, sanitized."""

from __future__ import annotations

from tests import factories


def test_a_published_report_shows_each_section_with_a_chart_and_its_table(client, figures):
    figures.set(2025, signatures=23, rate=0.5)
    factories.report(2025, published=True)
    page = client.get("/bilans/2025").get_data(as_text=True)
    assert '<h2 id="section-allies">' in page and '<h2 id="section-activity">' in page
    assert "<dl" in page and "23" in page and "50" in page  # the attendance rate, 50 %
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 1
    assert "<table>" in page and "Bretagne" in page and "Guyane" in page
    assert "fewer than 5" in page  # Guyane's None, in the table and the summary
    assert "report-draft" not in page and "Version 1" in page


def test_a_correction_shows_its_note_and_the_earlier_version_stays_readable(client, login, figures):
    figures.set(2025, signatures=10)
    factories.report(2025, published=True)
    admin = factories.user(role="admin")
    login(client, admin)
    figures.set(2025, signatures=15)
    response = client.post("/bilans/2025/publier", data={"note": "Décembre ajouté."})
    assert response.status_code == 302
    latest = client.get("/bilans/2025").get_data(as_text=True)
    assert "Décembre ajouté." in latest and "Version 2" in latest
    assert 'href="/bilans/2025/versions/1"' in latest
    first = client.get("/bilans/2025/versions/1").get_data(as_text=True)
    assert "A newer version exists." in first and ">10<" in first.replace(" ", "")


def test_the_editorial_parts_are_markdown_sanitized(client, figures):
    factories.report(
        2025,
        published=True,
        introduction="**Une année** <script>alert(1)</script>",
        outlook="[lien](javascript:alert(1))",
    )
    page = client.get("/bilans/2025").get_data(as_text=True)
    assert "<strong>Une année</strong>" in page
    assert "<script>alert" not in page and 'href="javascript' not in page


def test_the_print_view_uses_the_print_stylesheet(client, figures):
    factories.report(2025, published=True)
    page = client.get("/bilans/2025/imprimer").get_data(as_text=True)
    assert 'href="/static/css/print.css" media="all"' in page
    assert 'media="print"' in client.get("/bilans/2025").get_data(as_text=True)


def test_an_administrator_writes_a_report_and_publishes_it(client, login_as, figures):
    login_as("admin")
    assert client.post("/bilans/nouveau", data={"year": "2025"}).headers["Location"] == (
        "/bilans/2025/modifier"
    )
    saved = client.post(
        "/bilans/2025/modifier",
        data={"introduction": "Une belle année.", "sections": ["activity"]},
    )
    assert saved.status_code == 302
    draft = client.get("/bilans/2025").get_data(as_text=True)
    assert "report-draft" in draft and "Une belle année." in draft
    assert 'id="section-activity"' in draft and 'id="section-allies"' not in draft
    assert client.post("/bilans/2025/publier", data={}).status_code == 302
    published = client.get("/bilans/2025").get_data(as_text=True)
    assert "report-draft" not in published and "Une belle année." in published


def test_the_list_shows_the_latest_publication_and_the_drafts_to_admins(client, login_as, figures):
    factories.report(2024, published=True)
    factories.report(2025)
    assert "No report is published yet." not in client.get("/bilans").get_data(as_text=True)
    login_as("admin")
    page = client.get("/bilans").get_data(as_text=True)
    assert "Published on" in page and "Draft" in page and 'name="year"' in page


def test_the_footer_and_the_admin_page_link_to_the_reports(client, login_as):
    assert 'href="/bilans"' in client.get("/").get_data(as_text=True)
    login_as("admin")
    assert 'href="/bilans"' in client.get("/admin/").get_data(as_text=True)


def test_a_snapshot_renders_in_french_too(app, figures):
    factories.report(2025, published=True)
    french = app.test_client()
    french.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    response = french.get("/bilans/2025")
    assert response.status_code == 200 and 'lang="fr"' in response.get_data(as_text=True)
