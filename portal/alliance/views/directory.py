"""The public allies directory, an organisation's page, and the CSV export."""

from flask import Response, abort, current_app, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.alliance import bp, services
from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.alliance.forms import DirectoryFilterForm
from portal.alliance.map import allies_map
from portal.alliance.models import Organisation
from portal.core import lookups, pagination
from portal.core.extensions import db
from portal.core.permissions import can_manage_alliance


def organisation_experiences(organisation, user):
    """Its published experiences the viewer may read: experiences sits above alliance and
    registers the answer in core.lookups (none without experiences)."""
    if not lookups.answers("organisation_experiences"):
        return []
    return lookups.ask("organisation_experiences", organisation, user)


#: Beyond this, a page number is nonsense rather than a deep link (and would cost an OFFSET).
MAX_PAGE = 100_000


def _filters() -> tuple[DirectoryFilterForm, services.DirectoryFilters]:
    """The filter form from the query string; invalid values are shown as errors and ignored."""
    form = DirectoryFilterForm(request.args)
    form.validate()
    filters = services.DirectoryFilters(
        q=form.valid_value("q"), kind=form.valid_value("kind"), region=form.valid_value("region")
    )
    return form, filters


def _page_number() -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    return pagination.page_number("page", MAX_PAGE)


@bp.route("/allies")
def directory():
    """Validated allies, searchable and filtered by kind and region, with counts per kind
    and the map of their regions."""
    form, filters = _filters()
    number = _page_number()
    page = db.paginate(
        services.directory_query(filters),
        page=number,
        per_page=current_app.config["ALLIES_PER_PAGE"],
        error_out=False,
    )
    if number > 1 and number > page.pages:
        abort(404)
    args = {k: v for k, v in vars(filters).items() if v}
    counts = services.directory_counts(filters)
    return render_template(
        "alliance/directory.html",
        form=form,
        filters=filters,
        page=page,
        counts=counts.by_kind,
        region_counts=counts.by_region,
        allies_map=allies_map(counts.by_region, current=filters.region, args=args),
        regions=REGIONS,
        kinds=ORGANISATION_KINDS,
        args=args,
    )


@bp.route("/allies.csv")
def export():
    """The directory as CSV, with the same filters."""
    _form, filters = _filters()
    body = "".join(
        services.export_csv(
            filters, lambda slug: url_for("alliance.organisation", slug=slug, _external=True)
        )
    )
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="allies.csv"'},
    )


@bp.route("/allies/<slug>")
def organisation(slug: str):
    """An organisation's page: who signed for it and which version (public once validated)."""
    found = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if found is None:
        abort(404)
    version = services.listed_version(found)
    # A pending or refused organisation is not public; administrators see it to decide.
    if version is None and not can_manage_alliance(current_user):
        abort(404)
    return render_template(
        "alliance/organisation.html",
        organisation=found,
        version=version,
        signatories=services.organisation_signatories(found),
        experiences=organisation_experiences(found, current_user),
    )
