"""Decisions on applications: accept (membership in the same transaction), waitlist, decline;
emailed at once or held until the facilitator releases them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.core.extensions import db
from portal.programmes.calls import emails
from portal.programmes.calls.models import DECISIONS, REVIEWABLE, Application, ApplicationState
from portal.spaces import invitations
from portal.spaces.models import SpaceRole
from portal.spaces.services import SpaceRuleError, _add_member, membership_of

MESSAGE_MAX = 5_000


class DecisionRefused(ValueError):
    """A decision the rules refuse (not submitted, unknown decision, archived cohort)."""


def _locked(application_id: int) -> Application | None:
    """The application, its row locked until the commit on PostgreSQL (SQLite locks the
    whole database on write): a second decision posted at once waits, then sees the first."""
    return db.session.scalar(
        select(Application)
        .where(Application.id == application_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def decide(application_id: int, decider, decision: str, message: str, now: datetime) -> bool:
    """Take `decision` on a submitted application; False when it already was the decision.

    Accepting makes the applicant a member of the cohort in this transaction. The applicant
    is emailed now, or when the decisions are released if the call holds them.
    """
    if decision not in DECISIONS:
        raise DecisionRefused("unknown decision")
    application = _locked(application_id)
    if application is None or application.state not in REVIEWABLE:
        raise DecisionRefused("only a submitted application is decided")
    message = (message or "").replace("\x00", "").strip()[:MESSAGE_MAX]
    if application.state == decision and application.decision_message == message:
        return False
    space = application.call.space
    if space.is_archived:
        raise DecisionRefused("the cohort is archived")
    application.state = decision
    application.decision_message = message
    application.decided_at = now
    application.decided_by_id = decider.id if decider else None
    application.notified_at = None
    application.updated_at = now
    if decision == ApplicationState.ACCEPTED.value and application.applicant is not None:
        if membership_of(space, application.applicant) is None:
            _add_member(space, application.applicant, SpaceRole.MEMBER.value)
    db.session.flush()
    if not application.call.holds_decisions:
        notify(application, decider, now)
    return True


def notify(application: Application, sender, now: datetime) -> None:
    """Email the decision; an acceptance also invites the people the applicant named."""
    emails.send_decision(application)
    application.notified_at = now
    if application.state == ApplicationState.ACCEPTED.value and application.invitees:
        try:
            invitations.invite(application.call.space, sender, application.invitees)
        except SpaceRuleError:  # an archived cohort takes no invitation: the decision stands
            pass
    db.session.flush()


def held(call) -> list[Application]:
    """Decisions of `call` not yet emailed, with what their emails show."""
    return list(
        db.session.scalars(
            select(Application)
            .where(
                Application.call_id == call.id,
                Application.state.in_(DECISIONS),
                Application.notified_at.is_(None),
            )
            .options(selectinload(Application.applicant))
            .order_by(Application.id)
        )
    )


def release(call, sender, now: datetime) -> int:
    """Email every held decision of `call`; how many went out."""
    waiting = held(call)
    for application in waiting:
        notify(application, sender, now)
    return len(waiting)
