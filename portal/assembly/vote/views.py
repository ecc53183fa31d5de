"""The voter's pages: the ballots of one's voices, proxies, candidacies, receipts, results."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectChoice

from portal.assembly import bp
from portal.assembly.loading import edition_or_404
from portal.assembly.vote import ballots, preparation, results
from portal.assembly.vote.forms import BallotForm, CandidacyForm, ProxyForm, ReceiptForm
from portal.assembly.vote.models import Candidacy, Proxy, VoteItem
from portal.assembly.vote.permissions import (
    can_check_receipt,
    can_give_proxy,
    can_prepare_vote,
    can_see_vote,
    can_stand,
)
from portal.assembly.vote.voices import organisations_signed_for, proxies_of, voices_of
from portal.core.db import fits_integer, utcnow
from portal.core.extensions import db
from portal.core.permissions import require


def item_or_404(edition, item_id) -> VoteItem:
    """One of the edition's motions or elections (404 otherwise)."""
    found = str(item_id).isdigit() and fits_integer(int(item_id))
    item = db.session.get(VoteItem, int(item_id)) if found else None
    if item is None or item.edition_id != edition.id:
        abort(404)
    return item


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def _proxy_form(user) -> ProxyForm:
    """The proxy form, its choices the person's organisations and the other signatories."""
    from portal.alliance.services.organisations import selectable_organisations

    form = ProxyForm()
    form.giver.choices = [SelectChoice(o.id, o.name) for o in organisations_signed_for(user.id)]
    form.holder.choices = [SelectChoice(i, name) for i, name in selectable_organisations()]
    return form


def _vote_page(edition):
    """Render the vote page for the signed-in person."""
    user = me()
    now = utcnow()
    items = preparation.items_of(edition.id)
    voices = voices_of(user, edition.id)
    cast = ballots.cast_voices([i.id for i in items], [v.key for v in voices])
    proxies = proxies_of(edition.id)
    mine = {o.id for o in organisations_signed_for(user.id)}
    before = not edition.is_open("vote", now) and not edition.has_closed("vote", now)
    candidacies = {
        c.item_id: c
        for c in db.session.scalars(select(Candidacy).where(Candidacy.user_id == user.id))
    }
    return render_template(
        "assembly/vote/vote.html",
        edition=edition,
        items=items,
        voices=voices,
        cast=cast,
        is_open=edition.is_open("vote", now),
        has_closed=edition.has_closed("vote", now),
        before=before,
        proxies=[p for p in proxies if p.giver_organisation_id in mine],
        proxy_form=_proxy_form(user) if mine and before else None,
        candidacy_form=CandidacyForm(formdata=None),
        candidacies=candidacies,
        may_stand=can_stand(user),
        may_prepare=can_prepare_vote(user),
        ballot_form=BallotForm(formdata=None),
    )


@bp.route("/assemblee/<int:year>/vote")
@login_required
def vote(year: int):
    """The person's voices and a ballot for each motion and election, while the vote is open."""
    edition = edition_or_404(year)
    require(can_see_vote(current_user))
    return _vote_page(edition)


@bp.route("/assemblee/<int:year>/vote/bulletin", methods=["POST"])
@login_required
def vote_cast(year: int):
    """Cast one voice's ballot on one item; the receipt is shown once, on this answer."""
    edition = edition_or_404(year)
    require(can_see_vote(current_user) and bool(voices_of(me(), edition.id)))
    form = BallotForm()
    if not form.validate_on_submit():
        flash(_("The ballot could not be read: please try again."), "error")
        return redirect(url_for("assembly.vote", year=year))
    item = item_or_404(edition, form.item_id.data)
    try:
        receipt = ballots.cast(
            edition, item, me(), form.voice.data, request.form.getlist("choice"), utcnow()
        )
    except ballots.VoteError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("assembly.vote", year=year))
    db.session.commit()
    # Shown on this answer only: the code is never stored nor put in the session cookie.
    return render_template(
        "assembly/vote/receipt.html", edition=edition, item=item, code=receipt.code
    )


@bp.route("/assemblee/<int:year>/vote/pouvoir", methods=["POST"])
@login_required
def vote_proxy(year: int):
    """Give an organisation's voice to another signatory organisation, before the vote."""
    edition = edition_or_404(year)
    user = me()
    # The giver must be an organisation the person signed for: the form offers only those,
    # and the service checks it again in the transaction.
    require(can_give_proxy(current_user))
    form = _proxy_form(user)
    if not form.validate_on_submit():
        flash(_("Choose both organisations."), "error")
        return redirect(url_for("assembly.vote", year=year))
    try:
        preparation.give_proxy(edition, user, form.giver.data, form.holder.data, utcnow())
    except ballots.VoteError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("assembly.vote", year=year))
    db.session.commit()
    flash(_("The proxy is given."), "success")
    return redirect(url_for("assembly.vote", year=year))


@bp.route("/assemblee/<int:year>/vote/pouvoir/<int:proxy_id>/retirer", methods=["POST"])
@login_required
def vote_proxy_withdraw(year: int, proxy_id: int):
    """Take a proxy back, before the vote."""
    edition = edition_or_404(year)
    proxy = db.session.get(Proxy, proxy_id)
    if proxy is None or proxy.edition_id != edition.id:
        abort(404)
    require(can_give_proxy(current_user))  # the service checks the person signed for the giver
    try:
        preparation.withdraw_proxy(edition, me(), proxy, utcnow())
    except ballots.VoteError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("assembly.vote", year=year))
    db.session.commit()
    flash(_("The proxy is withdrawn."), "success")
    return redirect(url_for("assembly.vote", year=year))


@bp.route("/assemblee/<int:year>/vote/election/<int:item_id>/candidature", methods=["POST"])
@login_required
def vote_stand(year: int, item_id: int):
    """Stand as a candidate in an election, with a statement, before the vote."""
    edition = edition_or_404(year)
    item = item_or_404(edition, item_id)
    require(can_stand(current_user))
    form = CandidacyForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return redirect(url_for("assembly.vote", year=year))
    try:
        preparation.stand(edition, item, me(), form.statement.data, utcnow())
    except ballots.VoteError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("assembly.vote", year=year))
    db.session.commit()
    flash(_("Your candidacy is sent: the administrators will put it on the ballot."), "success")
    return redirect(url_for("assembly.vote", year=year))


@bp.route("/assemblee/<int:year>/vote/recu", methods=["GET", "POST"])
@login_required
def vote_receipt(year: int):
    """Check, after the close, that the ballot of a receipt code is counted, and how."""
    edition = edition_or_404(year)
    require(can_check_receipt(current_user))
    form = ReceiptForm()
    found, problem, checked = None, None, False
    if form.validate_on_submit():
        checked = True
        try:
            found = ballots.find_receipt(edition, form.code.data, utcnow())
        except ballots.VoteError as error:
            problem = str(error)
    item = db.session.get(VoteItem, found.item_id) if found else None
    return render_template(
        "assembly/vote/check.html",
        edition=edition,
        form=form,
        ballot=found,
        item=item,
        problem=problem,
        checked=checked,
    )


@bp.route("/assemblee/<int:year>/resultats", endpoint="results")
def results_page(year: int):
    """The frozen results of the motions and elections, with the minutes: public from the
    results phase; the administrators read them from the close, to write the minutes."""
    edition = edition_or_404(year)
    now = utcnow()
    published = results.are_published(edition, now)
    early = not published and edition.has_closed("vote", now) and can_prepare_vote(current_user)
    if not (published or early):
        return render_template("assembly/vote/results.html", edition=edition, frozen=False)
    if results.freeze(edition, now):
        db.session.commit()  # frozen by this first reading after the close
        edition = edition_or_404(year)
    items = preparation.items_of(edition.id)
    return render_template(
        "assembly/vote/results.html",
        edition=edition,
        items=items,
        results=results.results_of(items),
        frozen=True,
        early=early,
        minutes=preparation.minutes_of(edition.id),
    )
