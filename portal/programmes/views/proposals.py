"""Proposals of new dispositifs: proposing, the proposer's page, the administrators' queue."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.extensions import db
from portal.core.permissions import require
from portal.programmes import bp, proposals
from portal.programmes.constants import PROPOSALS_PER_PAGE
from portal.programmes.forms import DeclineForm, MessageForm, ProposalForm
from portal.programmes.permissions import (
    can_decide_proposal,
    can_propose_programme,
    can_review_proposals,
    can_see_proposal,
    can_write_in_proposal,
)
from portal.programmes.views.helpers import checked_page, me, page_number


def _visible_proposal(proposal_id: int):
    """The proposal if the viewer is its proposer or an administrator (else 404)."""
    proposal = proposals.load_proposal(proposal_id)
    if proposal is None or not can_see_proposal(current_user, proposal):
        abort(404)
    return proposal


@bp.route("/dispositifs/proposer", methods=["GET", "POST"])
@login_required
def propose():
    """Propose a new dispositif (allies who signed the charter); others learn how to."""
    if not can_propose_programme(current_user):
        return render_template("programmes/propose_how.html"), 403
    form = ProposalForm()
    if form.validate_on_submit():
        proposal = proposals.submit_proposal(me(), form.data)
        db.session.commit()
        flash(_("Thank you: your proposal is sent to the coordination team."), "success")
        return redirect(url_for("programmes.proposal", proposal_id=proposal.id))
    return render_template("programmes/propose.html", form=form, mine=proposals.proposals_of(me()))


@bp.route("/dispositifs/propositions")
@login_required
def proposals_queue():
    """Proposals waiting for a decision (or all of them), for administrators."""
    require(can_review_proposals(current_user))
    show = request.args.get("show", "open")
    if show not in ("open", "all"):
        abort(404)
    number = page_number()
    page = checked_page(
        db.paginate(
            proposals.queue_query(show),
            page=number,
            per_page=PROPOSALS_PER_PAGE,
            error_out=False,
        ),
        number,
    )
    return render_template("programmes/proposals.html", page=page, show=show)


@bp.route("/dispositifs/propositions/<int:proposal_id>")
@login_required
def proposal(proposal_id: int):
    """A proposal and its exchange, for its proposer and the administrators."""
    proposal = _visible_proposal(proposal_id)
    return render_template(
        "programmes/proposal.html",
        proposal=proposal,
        message_form=MessageForm(),
        decline_form=DeclineForm(),
    )


@bp.route("/dispositifs/propositions/<int:proposal_id>/message", methods=["POST"])
@login_required
def proposal_message(proposal_id: int):
    """An administrator asks a question back; the proposer answers."""
    proposal = _visible_proposal(proposal_id)
    require(can_write_in_proposal(current_user, proposal))
    form = MessageForm()
    if not form.validate_on_submit():
        return render_template(
            "programmes/proposal.html",
            proposal=proposal,
            message_form=form,
            decline_form=DeclineForm(formdata=None),
        )
    if can_review_proposals(current_user) and proposal.proposer_id != current_user.id:
        proposals.ask_question(proposal, me(), form.body.data)
        flash(_("Your question is sent to the proposer."), "success")
    else:
        proposals.answer(proposal, me(), form.body.data)
        flash(_("Your answer is sent to the coordination team."), "success")
    db.session.commit()
    return redirect(url_for("programmes.proposal", proposal_id=proposal.id))


@bp.route("/dispositifs/propositions/<int:proposal_id>/refuser", methods=["POST"])
@login_required
def proposal_decline(proposal_id: int):
    """Decline a proposal with a reason (the proposer is emailed)."""
    proposal = _visible_proposal(proposal_id)
    require(can_decide_proposal(current_user, proposal))
    form = DeclineForm()
    if not form.validate_on_submit():
        return render_template(
            "programmes/proposal.html",
            proposal=proposal,
            message_form=MessageForm(formdata=None),
            decline_form=form,
        )
    proposals.decline(proposal, me(), form.reason.data)
    db.session.commit()
    flash(_("The proposal is declined; the proposer is told why."), "success")
    return redirect(url_for("programmes.proposal", proposal_id=proposal.id))
