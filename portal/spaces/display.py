"""Template helpers of spaces."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from portal.core.markdown import render_markdown
from portal.spaces import bp

# Only to read the heading levels of a source; rendering stays portal.core.markdown's.
_parser = MarkdownIt("commonmark")


@bp.app_template_filter("space_description")
@lru_cache(maxsize=256)
def space_description(source: str, top: int = 3) -> Markup:
    """A description's Markdown with its highest heading at level `top`, whatever level the
    author started from, so the page's heading outline stays in order.

    Memoised per process: the result depends on its arguments only, and parsing the
    Markdown twice was a twentieth of the space page (issue 6)."""
    levels = [int(t.tag[1]) for t in _parser.parse(source or "") if t.type == "heading_open"]
    offset = top - min(levels) if levels else 0
    return render_markdown(source, heading_offset=max(offset, 0))
