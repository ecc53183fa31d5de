"""What spaces hold about a person: memberships and invitations (export and erasure)."""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import joinedload

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion
from portal.spaces.models import Invitation, InvitationStatus, Membership


def _iso(value) -> str | None:
    """An ISO 8601 timestamp, or None."""
    return value.isoformat() if value else None


def _invitations_of(user):
    """Invitations sent to the account's address or accepted by it."""
    return or_(Invitation.email == user.email.lower(), Invitation.accepted_by_id == user.id)


@exporter("memberships")
def export_memberships(user) -> dict:
    """The spaces you belong to (with your role) and the invitations sent to you."""
    memberships = db.session.scalars(
        select(Membership)
        .options(joinedload(Membership.space))
        .where(Membership.user_id == user.id)
        .order_by(Membership.joined_at, Membership.id)
    )
    invitations = db.session.scalars(
        select(Invitation)
        .options(joinedload(Invitation.space))
        .where(_invitations_of(user))
        .order_by(Invitation.created_at, Invitation.id)
    )
    return {
        "spaces": [
            {
                "space": m.space.title,
                "kind": m.space.kind,
                "role": m.role,
                "joined_at": _iso(m.joined_at),
                "last_visited_at": _iso(m.last_visited_at),
            }
            for m in memberships
        ],
        "invitations": [
            {
                "space": i.space.title,
                "email": i.email,
                "status": i.status,
                "sent_at": _iso(i.last_sent_at),
                "accepted_at": _iso(i.accepted_at),
            }
            for i in invitations
        ],
    }


@on_account_deletion
def erase_memberships(user) -> None:
    """Remove the memberships of a deleted account; revoke invitations to its address and
    blank the address in every invitation (facilitators see a former member)."""
    db.session.execute(delete(Membership).where(Membership.user_id == user.id))
    now = utcnow()
    for invitation in db.session.scalars(select(Invitation).where(_invitations_of(user))):
        if invitation.is_pending:
            invitation.status = InvitationStatus.REVOKED.value
            invitation.revoked_at = now
        invitation.email = f"deleted-{user.id}-{invitation.id}@invalid"
    db.session.flush()
