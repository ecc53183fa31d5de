"""Bilans: the alliance's yearly report in figures, its open data, and the map of allies.

Figures are computed in SQL from every domain below (reports sits above programmes and
assembly); a published version freezes them in a stored snapshot.
"""

from flask import Blueprint

bp = Blueprint("reports", __name__)


@bp.app_context_processor
def inject_permissions():
    """`can_reports.can_manage_reports(...)` in templates."""
    from portal.reports import permissions

    return {"can_reports": permissions}


from portal.reports import opendata, views  # noqa: E402, F401
