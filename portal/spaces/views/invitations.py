"""Invitations to cohorts: the facilitators' list and paste form, and the emailed link."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import (
    can_accept_invitation,
    can_invite_to_space,
    can_see_invitations,
    is_signed_in,
    require,
)
from portal.core.security import keep_token_private
from portal.spaces import bp, invitations, queries
from portal.spaces.constants import INVITATIONS_PER_PAGE, INVITE_BATCH_MAX
from portal.spaces.forms import InviteForm
from portal.spaces.invitations import InvitationRefused, Refusal
from portal.spaces.models import Invitation
from portal.spaces.views.helpers import (
    DB_ID,
    checked_page,
    login_then,
    me,
    page_number,
    visible_space,
)

#: Refusal -> (HTTP status, message) of the link page.
REFUSALS = {
    Refusal.INVALID: (
        404,
        _l("This invitation link is not valid. Check that you copied it whole."),
    ),
    Refusal.EXPIRED: (410, _l("This invitation has expired. Ask a facilitator to send it again.")),
    Refusal.SUPERSEDED: (
        410,
        _l("A newer invitation was sent to you: use the link of the latest email."),
    ),
    Refusal.REVOKED: (410, _l("This invitation was withdrawn.")),
    Refusal.USED: (410, _l("This invitation was already accepted.")),
    Refusal.ARCHIVED: (410, _l("This cohort is archived: it no longer takes new members.")),
    Refusal.OTHER_ADDRESS: (
        403,
        _l(
            "This invitation was sent to another email address. Invitations are personal: "
            "log in with the invited address, or ask a facilitator to invite this one."
        ),
    ),
}


def _already_in(refused: InvitationRefused):
    """For the person who accepted a link and opens it again: the way to their cohort."""
    used = refused.invitation
    if (
        refused.reason == Refusal.USED
        and is_signed_in(current_user)
        and used.accepted_by_id == current_user.id
    ):
        flash(_("You are already a member of this cohort."), "info")
        return redirect(url_for("spaces.show", slug=used.space.slug))
    return None


def _cohort_invitations(slug: str):
    """The space of `slug`, if the viewer may see its invitations (it must be a cohort)."""
    space = visible_space(slug)
    if not space.is_cohort:
        abort(404)
    require(can_see_invitations(current_user, space))
    return space


@bp.route("/spaces/<slug>/invitations", methods=["GET", "POST"])
@login_required
def invitations_list(slug: str):
    """Who was invited and who accepted; invite more people by pasting their addresses."""
    space = _cohort_invitations(slug)
    form = InviteForm()
    report = None
    if form.is_submitted():
        require(can_invite_to_space(current_user, space))
    if form.validate_on_submit():
        try:
            report = invitations.invite(space, me(), form.addresses.data)
            db.session.commit()
        except IntegrityError:  # another facilitator invited one of them in between
            db.session.rollback()
            report = invitations.invite(space, me(), form.addresses.data)
            db.session.commit()
        # Only the lines to correct stay in the box.
        form.addresses.data = "\n".join(line for _number, line in report.invalid)
    number = page_number()
    listing = checked_page(
        db.paginate(
            queries.invitations_query(space),
            page=number,
            per_page=INVITATIONS_PER_PAGE,
            error_out=False,
        ),
        number,
    )
    return render_template(
        "spaces/invitations.html",
        space=space,
        form=form,
        report=report,
        page=listing,
        counts=queries.invitation_counts(space),
        can_invite=can_invite_to_space(current_user, space),
        days=invitations.max_age().days,
        batch_max=INVITE_BATCH_MAX,
        expired_before=utcnow() - invitations.max_age(),
    )


def _space_invitation(slug: str, invitation_id: int):
    """A cohort's invitation, for someone who may invite to it."""
    space = _cohort_invitations(slug)
    require(can_invite_to_space(current_user, space))
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.space_id != space.id:
        abort(404)
    return space, invitation


@bp.route(f"/spaces/<slug>/invitations/<{DB_ID}:invitation_id>/resend", methods=["POST"])
@login_then("spaces.invitations_list")
def resend_invitation(slug: str, invitation_id: int):
    """Email a new link; the links sent before stop working."""
    space, invitation = _space_invitation(slug, invitation_id)
    if not invitation.is_pending:
        flash(_("Only a pending invitation can be sent again."), "error")
    else:
        invitations.resend(invitation, me())
        db.session.commit()
        flash(_("A new invitation is on its way to %(email)s.", email=invitation.email), "success")
    return redirect(url_for("spaces.invitations_list", slug=space.slug))


@bp.route(f"/spaces/<slug>/invitations/<{DB_ID}:invitation_id>/revoke", methods=["POST"])
@login_then("spaces.invitations_list")
def revoke_invitation(slug: str, invitation_id: int):
    """Withdraw a pending invitation: its link stops working."""
    space, invitation = _space_invitation(slug, invitation_id)
    if invitations.revoke(invitation):
        db.session.commit()
        flash(_("The invitation of %(email)s is withdrawn.", email=invitation.email), "success")
    else:
        flash(_("Only a pending invitation can be withdrawn."), "error")
    return redirect(url_for("spaces.invitations_list", slug=space.slug))


def _link_page(token: str, refusal: Refusal | None, invitation=None, status: int = 200):
    """The invitation link page; the token in its URL must never leak to another site."""
    response = current_app.make_response(
        (
            render_template(
                "spaces/invitation.html",
                token=token,
                invitation=invitation,
                space=invitation.space if invitation else None,
                refusal=str(REFUSALS[refusal][1]) if refusal else None,
                addressed=invitation is not None
                and can_accept_invitation(current_user, invitation),
            ),
            status,
        )
    )
    return keep_token_private(response)


@bp.route("/invitations/<token>")
def invitation(token: str):
    """The emailed link: the cohort, and how to accept (log in or create an account first)."""
    try:
        found = invitations.invitation_for_token(token)
    except InvitationRefused as refused:
        return _already_in(refused) or _link_page(
            token, refused.reason, status=REFUSALS[refused.reason][0]
        )
    if is_signed_in(current_user) and not can_accept_invitation(current_user, found):
        return _link_page(token, Refusal.OTHER_ADDRESS, found, status=403)
    return _link_page(token, None, found)


@bp.route("/invitations/<token>/accept", methods=["POST"])
@login_then("spaces.invitation")
def accept_invitation(token: str):
    """Join the cohort of a personal invitation."""
    try:
        found = invitations.invitation_for_token(token)
        invitations.accept(found, me())
    except InvitationRefused as refused:
        db.session.rollback()
        return _already_in(refused) or _link_page(
            token,
            refused.reason,
            refused.invitation if refused.reason == Refusal.OTHER_ADDRESS else None,
            status=REFUSALS[refused.reason][0],
        )
    db.session.commit()
    flash(_("Welcome to the cohort “%(title)s”.", title=found.space.title), "success")
    return redirect(url_for("spaces.show", slug=found.space.slug))
