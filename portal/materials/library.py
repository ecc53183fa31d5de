"""The alliance's resource library (/resources): what members share beyond their spaces."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from portal.core.extensions import db
from portal.materials import bp, services
from portal.materials.constants import LIBRARY_PER_PAGE
from portal.materials.forms import LibraryFilterForm
from portal.materials.views import page_number


@bp.route("/resources")
def library():
    """Materials shared with all allies (signed-in) or the public, by theme and type."""
    form = LibraryFilterForm(request.args)
    form.validate()
    filters = services.LibraryFilters(
        theme=form.valid_value("theme"), family=form.valid_value("family")
    )
    number = page_number()
    page = db.paginate(
        services.library_query(current_user, filters),
        page=number,
        per_page=LIBRARY_PER_PAGE,
        error_out=False,
    )
    if number > 1 and number > page.pages:
        abort(404)
    return render_template(
        "materials/library.html",
        form=form,
        page=page,
        args={k: v for k, v in vars(filters).items() if v},
        named_spaces=services.spaces_named_for(current_user, page.items),
    )
