"""Markdown from members is rendered safe: no scripts, no raw HTML, no javascript: links."""

from portal.core.markdown import render_markdown


def test_ordinary_markdown_renders():
    html = str(render_markdown("## Lessons\n\n*Care* and **trust**\n\n- one\n- two"))
    assert "<h2>Lessons</h2>" in html
    assert "<em>Care</em>" in html and "<strong>trust</strong>" in html
    assert "<li>one</li>" in html


def test_script_tags_are_escaped_not_run():
    html = str(render_markdown("Hello <script>alert('x')</script>"))
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_raw_html_and_event_handlers_are_escaped():
    html = str(render_markdown('<img src="x" onerror="alert(1)"> <b onclick="x()">bold</b>'))
    assert "<img" not in html and "<b " not in html
    assert "onerror=" not in html.replace("&quot;", '"').split("&lt;")[0]


def test_javascript_links_are_not_links():
    for source in (
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
    ):
        html = str(render_markdown(source))
        assert "href" not in html, source


def test_links_get_rel_nofollow_ugc_noopener():
    html = str(render_markdown("[La Fabrique](https://example.org/)"))
    assert 'href="https://example.org/"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_images_and_unknown_tags_are_removed():
    html = str(render_markdown("![tracker](https://evil.example/pixel.png)"))
    assert "<img" not in html


def test_headings_can_be_demoted_under_the_page_title():
    html = str(render_markdown("# Title\n\n## Part", heading_offset=1))
    assert "<h1>" not in html
    assert "<h2>Title</h2>" in html and "<h3>Part</h3>" in html


def test_empty_source_renders_nothing():
    assert str(render_markdown("")) == ""
    assert str(render_markdown(None)) == ""
