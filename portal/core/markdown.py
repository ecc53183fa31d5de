"""The one Markdown renderer: markdown-it-py for the syntax, nh3 for safety.

Every piece of user or repository Markdown is rendered here, so the sanitizing
rules live in one place. Raw HTML in the source is escaped by markdown-it
(html=False) and nh3 removes anything that slipped through.
"""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def render_markdown(source: str, *, heading_offset: int = 0) -> Markup:
    """Render Markdown to sanitized HTML; `heading_offset` demotes headings (h1 -> h2)."""
    html = _md.render(source or "")
    if heading_offset:
        for level in range(6, 0, -1):
            target = min(level + heading_offset, 6)
            html = html.replace(f"<h{level}>", f"<h{target}>").replace(
                f"</h{level}>", f"</h{target}>"
            )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return Markup(clean)  # noqa: S704 - sanitized by nh3 just above
