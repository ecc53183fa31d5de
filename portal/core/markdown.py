"""The one Markdown renderer: markdown-it-py for the syntax, nh3 for safety.

Every piece of user or repository Markdown is rendered here, so the sanitizing
rules live in one place. Raw HTML in the source is escaped by markdown-it
(html=False) and nh3 removes anything that slipped through.
"""

import re

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

#: With allow_images=True, an <img> keeps its src only when it is one of the portal's own
#: uploads, as a relative path (no scheme, no host): a material's download URL. Remote
#: images would let a post track its readers; data: and javascript: URLs could run code.
OWN_UPLOAD_IMAGE = re.compile(r"/materials/[0-9]{1,10}/download")
IMAGE_ATTRIBUTES = {"img": {"src", "alt", "title"}}


def _own_images_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: drop an image source that is not one of the portal's uploads."""
    if tag == "img" and attribute == "src":
        return value if OWN_UPLOAD_IMAGE.fullmatch(value) else None
    return value


def render_markdown(source: str, *, heading_offset: int = 0, allow_images: bool = False) -> Markup:
    """Render Markdown to sanitized HTML; `heading_offset` demotes headings (h1 -> h2);
    `allow_images` keeps images whose source is one of the portal's own uploads."""
    html = _md.render(source or "")
    if heading_offset:
        for level in range(6, 0, -1):
            target = min(level + heading_offset, 6)
            html = html.replace(f"<h{level}>", f"<h{target}>").replace(
                f"</h{level}>", f"</h{target}>"
            )
    tags, attributes, attribute_filter = ALLOWED_TAGS, ALLOWED_ATTRIBUTES, None
    if allow_images:
        tags = ALLOWED_TAGS | {"img"}
        attributes = ALLOWED_ATTRIBUTES | IMAGE_ATTRIBUTES
        attribute_filter = _own_images_only
    clean = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        attribute_filter=attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return Markup(clean)  # noqa: S704 - sanitized by nh3 just above
