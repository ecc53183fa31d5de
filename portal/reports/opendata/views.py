"""/donnees: the open data page and its downloads (the allies, each published report)."""

from flask import abort, render_template, url_for

from portal.core.http_cache import cached_response
from portal.reports import bp
from portal.reports.opendata import allies, datasets, formats, published
from portal.reports.opendata.figures import flatten_figures

FORMATS = "any(csv, json)"


def _download(name: str, fmt: str, fields, rows, updated_at):
    """The dataset as a cacheable download (304 when the client has this version)."""
    if fmt == "csv":
        body = formats.as_csv(fields, rows)
    else:
        source = url_for("reports.opendata", _external=True)
        body = formats.as_json(fields, rows, source=source, updated_at=updated_at)
    return cached_response(
        body,
        mimetype=formats.MIMETYPES[fmt],
        last_modified=updated_at,
        # Labels and descriptions follow the reader's language.
        headers={
            "Content-Disposition": f'inline; filename="{name}.{fmt}"',
            "Vary": "Accept-Language, Cookie",
        },
    )


@bp.route("/donnees")
def opendata():
    """The datasets, their fields, formats, licence and update dates."""
    return render_template(
        "reports/opendata.html",
        allies_dataset=datasets.ALLIES,
        allies_updated_at=allies.allies_updated_at(),
        reports_dataset=datasets.REPORTS,
        reports=published.published_reports(),
        licence_name=datasets.LICENCE_NAME,
        licence_url=datasets.LICENCE_URL,
    )


@bp.route(f"/donnees/allies.<{FORMATS}:fmt>")
def opendata_allies(fmt: str):
    """The allies directory's public fields, as CSV or JSON."""
    rows = allies.allies_rows(
        lambda slug: url_for("alliance.organisation", slug=slug, _external=True)
    )
    return _download("allies", fmt, datasets.ALLIES_FIELDS, rows, allies.allies_updated_at())


@bp.route(f"/donnees/bilans/<int:year>.<{FORMATS}:fmt>")
def opendata_report(year: int, fmt: str):
    """The figures of the latest published version of `year`'s report; 404 when none."""
    found = published.published_figures(year)
    if found is None:
        abort(404)
    rows = flatten_figures(found.figures, found.version)
    return _download(f"bilan-{year}", fmt, datasets.FIGURE_FIELDS, rows, found.published_at)
