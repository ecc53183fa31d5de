"""The public pages: the governance page, the list of editions, an edition."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import get_locale
from flask_login import current_user

from portal.alliance import charter
from portal.assembly import bp
from portal.assembly.governance import editions as edition_services
from portal.assembly.governance import services
from portal.assembly.governance.permissions import can_manage_editions, can_manage_governance
from portal.assembly.loading import edition_by_year
from portal.core.db import utcnow
from portal.meetings.queries import upcoming_for_space

#: The page of each phase, in the part of the assembly that runs it.
PHASE_ENDPOINTS = {
    "consultation": "assembly.contributions",
    "evaluation": "assembly.questionnaire",
    "vote": "assembly.vote",
    "results": "assembly.results",
}


@bp.route("/gouvernance")
def governance():
    """The association and how it works: purpose, board, documents, charter, assemblies."""
    now = utcnow()
    return render_template(
        "assembly/governance/governance.html",
        text=services.governance_text(),
        board=services.board(now.date()),
        documents=services.documents(),
        charter_versions=list(reversed(charter.all_versions())),
        locale=str(get_locale() or charter.FALLBACK_LOCALE),
        editions=edition_services.all_editions(),
        now=now,
        is_past=edition_services.is_past,
        can_manage=can_manage_governance(current_user),
    )


@bp.route("/assemblee")
def editions():
    """Every edition of the Assemblée des alliés, the latest first."""
    now = utcnow()
    return render_template(
        "assembly/governance/editions.html",
        editions=edition_services.all_editions(),
        now=now,
        is_past=edition_services.is_past,
        can_manage=can_manage_editions(current_user),
    )


@bp.route("/assemblee/<int:year>")
def edition(year: int):
    """One edition: dates, place, programme, documents and phases."""
    edition = edition_by_year(year)
    if edition is None:
        abort(404)
    now = utcnow()
    sessions = upcoming_for_space(edition.space, limit=10, now=now) if edition.space else []
    return render_template(
        "assembly/governance/edition.html",
        edition=edition,
        phases=edition_services.phase_states(edition, now),
        phase_endpoints=PHASE_ENDPOINTS,
        sessions=sessions,
        documents=services.documents(edition.id),
        can_manage=can_manage_editions(current_user),
    )
