"""Contribution pages: the list, writing, one contribution, supporting, answering.

Every page needs a signed-in person (anonymous visitors get the login page): contributions
are public to allies, not to the Internet.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.assembly import bp
from portal.assembly.contributions import listing, services
from portal.assembly.contributions import permissions as can
from portal.assembly.contributions.constants import MERGED, PER_PAGE
from portal.assembly.contributions.forms import (
    INDIVIDUALLY,
    AnswerForm,
    ContributionFilterForm,
    ContributionForm,
)
from portal.assembly.loading import edition_or_404
from portal.core import pagination
from portal.core.extensions import db
from portal.core.permissions import require

#: Beyond this, a page number is nonsense rather than a deep link.
MAX_PAGE = 10_000
#: The session key of the visitor's seed for the random order (stable while they page).
SEED_KEY = "contributions_seed"


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def contribution_or_404(year: int, contribution_id: int):
    """The edition and its contribution the viewer may read, or 404."""
    edition = edition_or_404(year)
    contribution = services.load(edition, contribution_id)
    if contribution is None:
        abort(404)
    require(can.can_see_contribution(current_user, contribution))
    return edition, contribution


def visitor_seed() -> int:
    """The visitor's seed of the random order, kept in their session."""
    seed = session.get(SEED_KEY)
    if not isinstance(seed, int) or seed <= 0:
        seed = session[SEED_KEY] = listing.new_seed()
    return seed


def back_to(edition, contribution, anchor: str | None = None):
    """Redirect to the contribution's page."""
    return redirect(
        url_for(
            "assembly.contribution",
            year=edition.year,
            contribution_id=contribution.id,
            _anchor=anchor,
        )
    )


@bp.route("/assemblee/<int:year>/contributions")
@login_required
def contributions(year: int):
    """The edition's contributions, filtered and sorted, with their supports and comments."""
    edition = edition_or_404(year)
    require(can.can_read_contributions(current_user))
    form = ContributionFilterForm(request.args)
    form.validate()
    filters = listing.ListFilters(
        fundamental=form.valid_value("fundamental"),
        theme=form.valid_value("theme"),
        state=form.valid_value("state"),
        sort=form.valid_value("sort") or "supported",
    )
    seed = visitor_seed() if filters.sort == "random" else 0
    number = pagination.page_number("page", MAX_PAGE)
    page = db.paginate(
        listing.list_query(edition, filters, seed), page=number, per_page=PER_PAGE, error_out=False
    )
    if number > 1 and number > page.pages:
        abort(404)
    ids = [c.id for c in page.items]
    args = {k: v for k, v in vars(filters).items() if v and not (k == "sort" and v == "supported")}
    return render_template(
        "assembly/contributions/index.html",
        edition=edition,
        form=form,
        page=page,
        args=args,
        counts=listing.counts(ids),
        supported=listing.my_supports(current_user, ids),
        may_contribute=can.can_contribute(current_user, edition),
        phase_open=can.consultation_open(edition),
    )


@bp.route("/assemblee/<int:year>/contributions/new", methods=["GET", "POST"])
@login_required
def new_contribution(year: int):
    """Write a contribution, individually or for an organisation one signed for."""
    edition = edition_or_404(year)
    require(can.can_contribute(current_user, edition))
    organisations = services.signed_organisations(me())
    form = ContributionForm(organisations=organisations)
    if form.validate_on_submit():
        chosen = next((o for o in organisations if o.id == form.organisation.data), None)
        if form.organisation.data != INDIVIDUALLY and chosen is None:
            abort(400)
        try:
            contribution = services.submit(
                edition,
                me(),
                title=form.title.data,
                body=form.body.data,
                fundamental=form.fundamental.data,
                theme_keys=form.themes.data,
                organisation=chosen,
            )
        except services.ContributionError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Your contribution is published for the allies."), "success")
            return back_to(edition, contribution)
    return render_template(
        "assembly/contributions/form.html", edition=edition, form=form, contribution=None
    )


@bp.route("/assemblee/<int:year>/contributions/<int:contribution_id>")
@login_required
def contribution(year: int, contribution_id: int):
    """One contribution: its text, answer, supports (people and organisations), comments."""
    edition, contribution = contribution_or_404(year, contribution_id)
    return render_template(
        "assembly/contributions/show.html",
        edition=edition,
        contribution=contribution,
        counts=listing.counts([contribution.id])[contribution.id],
        supporting=services.supports(contribution, me()),
        may_support=can.can_support(current_user, contribution),
        may_edit=can.can_edit_contribution(current_user, contribution),
        may_answer=can.can_answer_contribution(current_user, contribution),
    )


@bp.route("/assemblee/<int:year>/contributions/<int:contribution_id>/edit", methods=["GET", "POST"])
@login_required
def edit_contribution(year: int, contribution_id: int):
    """Its author edits a contribution until the phase closes or it is answered."""
    edition, contribution = contribution_or_404(year, contribution_id)
    require(can.can_edit_contribution(current_user, contribution))
    form = ContributionForm(obj=None if request.method == "POST" else contribution)
    del form.organisation  # a contribution stays in whose name it was written
    form.submit.label.text = _("Save the changes")
    if request.method == "GET":
        form.themes.data = [t.key for t in contribution.themes]
    if form.validate_on_submit():
        try:
            services.edit(
                contribution,
                title=form.title.data,
                body=form.body.data,
                fundamental=form.fundamental.data,
                theme_keys=form.themes.data,
            )
        except services.ContributionError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The contribution was saved."), "success")
            return back_to(edition, contribution)
    return render_template(
        "assembly/contributions/form.html", edition=edition, form=form, contribution=contribution
    )


@bp.route("/assemblee/<int:year>/contributions/<int:contribution_id>/support", methods=["POST"])
@login_required
def support_contribution(year: int, contribution_id: int):
    """Support a contribution (one support per person)."""
    edition, contribution = contribution_or_404(year, contribution_id)
    require(can.can_support(current_user, contribution))
    try:
        services.support(contribution, me())
    except services.ContributionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return back_to(edition, contribution, "supports")
    db.session.commit()
    flash(_("Thank you: your support is counted."), "success")
    return back_to(edition, contribution, "supports")


@bp.route(
    "/assemblee/<int:year>/contributions/<int:contribution_id>/support/withdraw",
    methods=["POST"],
)
@login_required
def withdraw_support(year: int, contribution_id: int):
    """Withdraw one's support until the phase closes."""
    edition, contribution = contribution_or_404(year, contribution_id)
    require(can.can_support(current_user, contribution))
    try:
        services.withdraw_support(contribution, me())
    except services.ContributionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return back_to(edition, contribution, "supports")
    db.session.commit()
    flash(_("Your support was withdrawn."), "success")
    return back_to(edition, contribution, "supports")


@bp.route(
    "/assemblee/<int:year>/contributions/<int:contribution_id>/answer", methods=["GET", "POST"]
)
@login_required
def answer_contribution(year: int, contribution_id: int):
    """Administrators answer: retained, merged into another, or not retained with the reason."""
    edition, contribution = contribution_or_404(year, contribution_id)
    require(can.can_answer_contribution(current_user, contribution))
    if contribution.is_merged:
        flash(_("A merged contribution keeps its answer."), "error")
        return back_to(edition, contribution)
    targets = services.merge_targets(contribution)
    form = AnswerForm(targets=targets)
    if request.method == "GET" and contribution.is_answered:
        form.state.data = contribution.state
        form.reason.data = contribution.answer
    if form.validate_on_submit():
        target = next((c for c in targets if c.id == form.merged_into.data), None)
        try:
            services.answer(
                contribution,
                me(),
                state=form.state.data,
                reason=form.reason.data or "",
                merged_into=target if form.state.data == MERGED else None,
            )
        except services.ContributionError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The answer is saved; the author and the supporters are told."), "success")
            return back_to(edition, contribution)
    return render_template(
        "assembly/contributions/answer.html", edition=edition, contribution=contribution, form=form
    )
