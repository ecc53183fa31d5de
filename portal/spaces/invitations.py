"""Invitations to cohorts: pasting addresses, signed links, resending, revoking, accepting.

A link carries the invitation id and its send count, signed with itsdangerous:
resending raises the count, so the links of earlier sends stop working; the
invitation's status and last sending date are checked on every use too.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.spaces import emails
from portal.spaces.constants import INVITATION_MAX_AGE, INVITE_BATCH_MAX, INVITE_LINE_MAX
from portal.spaces.models import Invitation, InvitationStatus, Membership, Space, SpaceRole
from portal.spaces.services import SpaceRuleError, _add_member

#: Longer strings are not our tokens: refused before any work.
MAX_TOKEN_LENGTH = 300


class TooManyAddresses(SpaceRuleError):
    """More than INVITE_BATCH_MAX addresses in one paste."""


class Refusal(enum.StrEnum):
    """Why a link or an acceptance is refused; views turn each into a message."""

    INVALID = "invalid"  # tampered with, or not one of ours
    EXPIRED = "expired"
    SUPERSEDED = "superseded"  # a newer email was sent: its link replaces this one
    REVOKED = "revoked"
    USED = "used"  # already accepted
    OTHER_ADDRESS = "other_address"  # invitations are personal
    ARCHIVED = "archived"


class InvitationRefused(Exception):
    """A link or an acceptance the rules refuse, with its reason."""

    def __init__(self, reason: Refusal, invitation: Invitation | None = None):
        super().__init__(reason.value)
        self.reason = reason
        self.invitation = invitation


def max_age():
    """How long a link works (INVITATION_MAX_AGE unless the configuration says otherwise)."""
    return current_app.config.get("INVITATION_MAX_AGE", INVITATION_MAX_AGE)


# --- pasting addresses ------------------------------------------------------------


@dataclass
class ParsedAddresses:
    """A paste split into valid addresses (in order, once each) and reported lines."""

    valid: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)


def parse_addresses(text: str) -> ParsedAddresses:
    """One address per line; blank lines skipped, each bad line reported with its number."""
    parsed = ParsedAddresses()
    lines = [(n, line.strip()) for n, line in enumerate((text or "").splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line]
    if len(lines) > INVITE_BATCH_MAX:
        raise TooManyAddresses(f"at most {INVITE_BATCH_MAX} addresses at once")
    seen = set()
    for number, line in lines:
        try:
            if len(line) > INVITE_LINE_MAX:
                raise EmailNotValidError("too long")
            address = validate_email(line, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            shown = line if len(line) <= 80 else line[:79] + "…"
            parsed.invalid.append((number, shown))
            continue
        if address in seen:
            parsed.repeated.append(address)
            continue
        seen.add(address)
        parsed.valid.append(address)
    return parsed


@dataclass
class InviteReport:
    """What one paste did, for the facilitator."""

    invited: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)


def invite(space: Space, inviter: User, text: str) -> InviteReport:
    """Invite every new valid address of `text` to the cohort `space` and email each one.

    Members and pending invitations are skipped and reported; a revoked (or
    accepted, then left) invitation is sent again. Three queries whatever the
    number of addresses, then one insert and one email per invitation.
    """
    if not space.is_cohort or space.is_archived:
        raise SpaceRuleError("only an active cohort takes invitations")
    parsed = parse_addresses(text)
    report = InviteReport(invalid=parsed.invalid, repeated=parsed.repeated)
    if not parsed.valid:
        return report
    users = {
        u.email: u for u in db.session.scalars(select(User).where(User.email.in_(parsed.valid)))
    }
    member_ids = set(
        db.session.scalars(
            select(Membership.user_id).where(
                Membership.space_id == space.id,
                Membership.user_id.in_([u.id for u in users.values()]),
            )
        )
    )
    existing = {
        i.email: i
        for i in db.session.scalars(
            select(Invitation).where(
                Invitation.space_id == space.id, Invitation.email.in_(parsed.valid)
            )
        )
    }
    now = utcnow()
    for address in parsed.valid:
        user = users.get(address)
        if user is not None and user.id in member_ids:
            report.already_members.append(address)
            continue
        invitation = existing.get(address)
        if invitation is not None and invitation.is_pending:
            report.already_invited.append(address)
            continue
        if invitation is None:
            invitation = Invitation(space=space, email=address, send_count=0, created_at=now)
            db.session.add(invitation)
        _send(invitation, inviter, user, now)
        report.invited.append(address)
    return report


def _send(invitation: Invitation, inviter: User | None, user: User | None, now) -> None:
    """(Re)open `invitation`, raise its send count and email the new link."""
    invitation.status = InvitationStatus.PENDING.value
    invitation.send_count = (invitation.send_count or 0) + 1
    invitation.invited_by_id = inviter.id if inviter else invitation.invited_by_id
    invitation.last_sent_at = now
    invitation.revoked_at = None
    invitation.accepted_at = None
    invitation.accepted_by_id = None
    db.session.flush()
    emails.send_invitation(invitation, make_token(invitation), inviter=inviter, user=user)


def resend(invitation: Invitation, inviter: User) -> None:
    """Email a new link; the previous links stop working."""
    if not invitation.is_pending or invitation.space.is_archived:
        raise SpaceRuleError("only a pending invitation of an active cohort can be resent")
    user = db.session.scalar(select(User).where(User.email == invitation.email))
    _send(invitation, inviter, user, utcnow())


def revoke(invitation: Invitation) -> bool:
    """Withdraw a pending invitation; its links stop working. False if it was not pending."""
    if not invitation.is_pending:
        return False
    invitation.status = InvitationStatus.REVOKED.value
    invitation.revoked_at = utcnow()
    db.session.flush()
    return True


# --- links --------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    """The signer of invitation links (its own salt: no other token of the portal fits)."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="spaces.invitation")


def make_token(invitation: Invitation) -> str:
    """The signed link token of the invitation's current sending."""
    return _serializer().dumps({"iid": invitation.id, "n": invitation.send_count})


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link speaks of, while it is usable; raises InvitationRefused.

    An accepted invitation is returned with the USED reason so the page can tell
    its own acceptor they are in, and anyone else that the link was used.
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvitationRefused(Refusal.INVALID)
    try:
        payload = _serializer().loads(token, max_age=max_age().total_seconds())
    except SignatureExpired as error:
        raise InvitationRefused(Refusal.EXPIRED) from error
    except BadSignature as error:
        raise InvitationRefused(Refusal.INVALID) from error
    if not isinstance(payload, dict) or not isinstance(payload.get("iid"), int):
        raise InvitationRefused(Refusal.INVALID)
    invitation = db.session.scalar(
        select(Invitation)
        .options(joinedload(Invitation.space))
        .where(Invitation.id == payload["iid"])
    )
    if invitation is None:
        raise InvitationRefused(Refusal.INVALID)
    check_usable(invitation, send_count=payload.get("n"))
    return invitation


def check_usable(invitation: Invitation, send_count=None) -> None:
    """Raise InvitationRefused unless `invitation` can still be accepted."""
    if invitation.is_revoked:
        raise InvitationRefused(Refusal.REVOKED, invitation)
    if invitation.is_accepted:
        raise InvitationRefused(Refusal.USED, invitation)
    if send_count is not None and send_count != invitation.send_count:
        raise InvitationRefused(Refusal.SUPERSEDED, invitation)
    if invitation.space.is_archived:
        raise InvitationRefused(Refusal.ARCHIVED, invitation)
    if utcnow() - invitation.last_sent_at > max_age():
        raise InvitationRefused(Refusal.EXPIRED, invitation)


def is_addressed_to(invitation: Invitation, user) -> bool:
    """Whether `user`'s account has the invited address (invitations are personal)."""
    return bool(user) and user.email.strip().lower() == invitation.email


def accept(invitation: Invitation, user: User) -> Membership:
    """`user` joins the cohort through `invitation`; raises InvitationRefused.

    The link was emailed to the address, so opening it proves the address:
    an account not yet confirmed is confirmed by the acceptance.
    """
    check_usable(invitation)
    if not is_addressed_to(invitation, user):
        raise InvitationRefused(Refusal.OTHER_ADDRESS, invitation)
    now = utcnow()
    membership = _add_member(invitation.space, user, SpaceRole.MEMBER.value)
    invitation.status = InvitationStatus.ACCEPTED.value
    invitation.accepted_at = now
    invitation.accepted_by_id = user.id
    if not user.is_confirmed:
        user.email_confirmed_at = now
    db.session.flush()
    return membership


def pending_for(user: User) -> list[Invitation]:
    """Usable invitations to `user`'s address, with their spaces (one query)."""
    if user is None or user.is_deleted:
        return []
    invitations = db.session.scalars(
        select(Invitation)
        .join(Invitation.space)
        .options(joinedload(Invitation.space))
        .where(
            Invitation.email == user.email.lower(),
            Invitation.status == InvitationStatus.PENDING.value,
            Invitation.last_sent_at >= utcnow() - max_age(),
            Space.archived_at.is_(None),
        )
        .order_by(Invitation.last_sent_at.desc())
    )
    return list(invitations)
