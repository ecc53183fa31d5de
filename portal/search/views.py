"""The search page: /search?q=&type=&page=."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError

from portal.core import pagination
from portal.core.forms import strip
from portal.search import bp, query
from portal.search.text import MAX_QUERY_LENGTH

PER_PAGE = 20
#: More pages than anyone reads; beyond, a 404 rather than a deep OFFSET.
MAX_PAGE = 500

#: Kind -> (label of the filter, label of the badge).
KIND_LABELS = {
    "experience": (_l("Experiences"), _l("Experience")),
    "material": (_l("Resources"), _l("Resource")),
    "post": (_l("Forum posts"), _l("Forum post")),
}

#: Kind -> (endpoint, its id argument, the result attribute giving the id).
ENDPOINTS = {
    "experience": ("experiences.show", "experience_id"),
    "material": ("materials.show", "material_id"),
    "post": ("forums.post", "post_id"),
}


def result_url(result) -> str | None:
    """Where a result leads; None while its domain has no page for it."""
    endpoint, argument = ENDPOINTS[result.kind]
    try:
        return url_for(endpoint, **{argument: result.object_id})
    except BuildError:
        return None


def page_number() -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    return pagination.page_number("page", MAX_PAGE)


@bp.route("/search")
def results():
    """Search what the viewer may see; any query gives a page, never an error."""
    q = strip(request.args.get("q", "")) or ""
    kind = request.args.get("type", "")
    kind = kind if kind in query.KINDS else ""
    number = page_number()
    page = query.search(current_user, q, kinds=[kind] if kind else None, page=number,
                        per_page=PER_PAGE)  # fmt: skip
    if number > 1 and number > page.pages:
        abort(404)
    return render_template(
        "search/results.html",
        page=page,
        q=q[:MAX_QUERY_LENGTH],
        kind=kind,
        kind_labels=KIND_LABELS,
        result_url=result_url,
        max_length=MAX_QUERY_LENGTH,
    )
