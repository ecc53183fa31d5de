"""The administrators' preparation of the vote: motions, elections, candidacies, settings,
minutes."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.assembly import bp
from portal.assembly.loading import edition_or_404
from portal.assembly.vote import preparation
from portal.assembly.vote.ballots import VoteError
from portal.assembly.vote.forms import DecisionForm, ItemForm, MinutesForm, SettingsForm
from portal.assembly.vote.models import Candidacy
from portal.assembly.vote.permissions import can_prepare_vote
from portal.assembly.vote.views import item_or_404
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import require


def _page(edition, item_form=None, settings_form=None, minutes_form=None, status=200):
    """Render the preparation page with the given (possibly invalid) forms."""
    settings = preparation.settings_of(edition.id)
    minutes = preparation.minutes_of(edition.id)
    return (
        render_template(
            "assembly/vote/prepare.html",
            edition=edition,
            items=preparation.items_of(edition.id),
            item_form=item_form or ItemForm(formdata=None),
            settings_form=settings_form or SettingsForm(formdata=None, obj=settings),
            minutes_form=minutes_form
            or MinutesForm(formdata=None, body=minutes.body if minutes else ""),
            decision_form=DecisionForm(formdata=None),
        ),
        status,
    )


def _refused(year: int, error: VoteError):
    """Roll back and say why the change was refused."""
    db.session.rollback()
    flash(str(error), "error")
    return redirect(url_for("assembly.vote_prepare", year=year))


@bp.route("/assemblee/<int:year>/vote/preparer", methods=["GET", "POST"])
@login_required
def vote_prepare(year: int):
    """The ballot being prepared; POST adds a motion or an election."""
    edition = edition_or_404(year)
    require(can_prepare_vote(current_user))
    form = ItemForm()
    if form.validate_on_submit():
        try:
            preparation.add_item(edition, form.data, utcnow())
        except VoteError as error:
            return _refused(year, error)
        db.session.commit()
        flash(_("Added to the ballot."), "success")
        return redirect(url_for("assembly.vote_prepare", year=year))
    return _page(edition, item_form=form)


@bp.route("/assemblee/<int:year>/vote/preparer/<int:item_id>/modifier", methods=["GET", "POST"])
@login_required
def vote_item_edit(year: int, item_id: int):
    """Correct a motion or an election, before the vote."""
    edition = edition_or_404(year)
    require(can_prepare_vote(current_user))
    item = item_or_404(edition, item_id)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        try:
            preparation.edit_item(edition, item, form.data, utcnow())
        except VoteError as error:
            return _refused(year, error)
        db.session.commit()
        flash(_("The ballot is updated."), "success")
        return redirect(url_for("assembly.vote_prepare", year=year))
    return render_template("assembly/vote/edit_item.html", edition=edition, item=item, form=form)


@bp.route("/assemblee/<int:year>/vote/preparer/<int:item_id>/supprimer", methods=["POST"])
@login_required
def vote_item_delete(year: int, item_id: int):
    """Take a motion or an election off the ballot, before the vote."""
    edition = edition_or_404(year)
    require(can_prepare_vote(current_user))
    item = item_or_404(edition, item_id)
    try:
        preparation.delete_item(edition, item, utcnow())
    except VoteError as error:
        return _refused(year, error)
    db.session.commit()
    flash(_("Taken off the ballot."), "success")
    return redirect(url_for("assembly.vote_prepare", year=year))


@bp.route("/assemblee/<int:year>/vote/preparer/candidatures/<int:candidacy_id>", methods=["POST"])
@login_required
def vote_candidacy(year: int, candidacy_id: int):
    """Accept a candidacy onto the ballot, or refuse it."""
    edition = edition_or_404(year)
    require(can_prepare_vote(current_user))
    candidacy = db.session.get(Candidacy, candidacy_id)
    if candidacy is None or candidacy.item.edition_id != edition.id:
        abort(404)
    form = DecisionForm()
    if not form.validate_on_submit() or form.decision.data not in ("accept", "refuse"):
        flash(_("Choose to accept or refuse the candidacy."), "error")
        return redirect(url_for("assembly.vote_prepare", year=year))
    try:
        preparation.decide_candidacy(edition, candidacy, form.decision.data == "accept", utcnow())
    except VoteError as error:
        return _refused(year, error)
    db.session.commit()
    flash(_("The candidacy is decided."), "success")
    return redirect(url_for("assembly.vote_prepare", year=year))


@bp.route("/assemblee/<int:year>/vote/preparer/reglages", methods=["POST"])
@login_required
def vote_settings(year: int):
    """Change the colleges' weights and the quorum, before the vote."""
    edition = edition_or_404(year)
    require(can_prepare_vote(current_user))
    form = SettingsForm()
    if not form.validate_on_submit():
        return _page(edition, settings_form=form)
    try:
        preparation.save_settings(edition, form.data, utcnow())
    except VoteError as error:
        return _refused(year, error)
    db.session.commit()
    flash(_("The settings are saved."), "success")
    return redirect(url_for("assembly.vote_prepare", year=year))


@bp.route("/assemblee/<int:year>/vote/preparer/proces-verbal", methods=["POST"])
@login_required
def vote_minutes(year: int):
    """Write the minutes, published beside the results."""
    edition = edition_or_404(year)
    require(can_prepare_vote(current_user))
    form = MinutesForm()
    if not form.validate_on_submit():
        return _page(edition, minutes_form=form)
    preparation.save_minutes(edition, form.body.data or "")
    db.session.commit()
    flash(_("The minutes are saved."), "success")
    return redirect(url_for("assembly.vote_prepare", year=year))
