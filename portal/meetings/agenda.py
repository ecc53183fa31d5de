"""The member's agenda (sessions to come, and their history) and calendar subscription."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core import pagination
from portal.core.extensions import db
from portal.meetings import bp, feeds, queries
from portal.meetings.forms import ActionForm
from portal.meetings.ical import absolute_url, calendar_document
from portal.meetings.views import calendar_response

PER_PAGE = 20
MAX_PAGE = 10_000


def _page_number() -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    return pagination.page_number("page", MAX_PAGE)


def _paginate(query):
    """One page of `query`; a page past the end is a 404 (the first page may be empty)."""
    number = _page_number()
    page = db.paginate(query, page=number, per_page=PER_PAGE, error_out=False)
    if number > 1 and number > page.pages:
        abort(404)
    return page


@bp.route("/agenda")
@login_required
def agenda():
    """Your sessions to come across your spaces, with your status; or your past sessions."""
    show = request.args.get("show", "upcoming")
    if show not in ("upcoming", "past"):
        abort(404)
    user_id = current_user.id
    if show == "past":
        page = _paginate(queries.agenda_history_query(user_id))
        return render_template(
            "meetings/agenda.html",
            show=show,
            page=page,
            member_of=queries.member_space_ids(user_id),
        )
    page = _paginate(queries.agenda_upcoming_query(user_id))
    mine = queries.registrations_by_meeting(user_id, [m.id for m in page.items])
    return render_template("meetings/agenda.html", show=show, page=page, mine=mine)


@bp.route("/agenda/calendar")
@login_required
def calendar():
    """The address of your personal calendar feed, to subscribe from a calendar app."""
    token = feeds.ensure_calendar_token(current_user)
    db.session.commit()
    response = render_template(
        "meetings/calendar.html",
        feed_url=absolute_url("meetings.feed", token=token),
        form=ActionForm(),
    )
    # The page shows a secret: keep it out of shared caches and the back-forward cache.
    return response, 200, {"Cache-Control": "no-store"}


@bp.route("/agenda/calendar/regenerate", methods=["POST"])
@login_required
def regenerate_calendar():
    """Give the feed a new address; the old one stops working."""
    feeds.regenerate_calendar_token(current_user)
    db.session.commit()
    flash(
        _(
            "Your calendar has a new address. Update your calendar app: "
            "the old one no longer works."
        ),
        "success",
    )
    return redirect(url_for("meetings.calendar"))


@bp.route("/calendar/<token>.ics")
def feed(token: str):
    """Your confirmed sessions as a calendar feed; the token in the URL is the key."""
    user = feeds.user_for_token(token)
    if user is None:
        abort(404)
    meetings = queries.feed_meetings(user.id)
    with force_locale(user.locale or "fr"):
        name = _("%(portal)s: my sessions", portal=current_app.config["PORTAL_NAME"])
    return calendar_response(calendar_document(meetings, name=name), "maillage.ics")
