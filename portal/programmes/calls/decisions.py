"""Decisions on applications: accept, waitlist, decline; emailed at once or held until the
facilitator releases them.

A decision takes effect when the applicant is told: an acceptance makes its author a member
of the cohort in the transaction that emails them (the decision's own when the call does not
hold decisions, the release's otherwise), so a held acceptance changed to a refusal before
the release never made anyone a member, and nobody finds a cohort on their home page before
they have been told.
"""

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

    The applicant is told now (and an acceptance makes them a member in this transaction),
    or when the decisions are released if the call holds them.
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
    db.session.flush()
    if not application.call.holds_decisions:
        notify(application, decider, now)
    return True


def notify(application: Application, sender, now: datetime) -> None:
    """Tell the applicant the decision; an acceptance makes them a member of the cohort and
    invites the people they named."""
    accepted = application.state == ApplicationState.ACCEPTED.value
    space = application.call.space
    if accepted and application.applicant is not None:
        if membership_of(space, application.applicant) is None:
            _add_member(space, application.applicant, SpaceRole.MEMBER.value)
    emails.send_decision(application)
    application.notified_at = now
    if accepted and application.invitees:
        try:
            invitations.invite(space, sender, application.invitees)
        except SpaceRuleError:  # an archived cohort takes no invitation: the decision stands
            pass
    db.session.flush()


def _held(call):
    """The select of `call`'s decisions not yet told to their applicants."""
    return (
        select(Application)
        .where(
            Application.call_id == call.id,
            Application.state.in_(DECISIONS),
            Application.notified_at.is_(None),
        )
        .options(selectinload(Application.applicant))
        .order_by(Application.id)
    )


def held(call) -> list[Application]:
    """Decisions of `call` not yet emailed, with what their emails show."""
    return list(db.session.scalars(_held(call)))


def release(call, sender, now: datetime) -> int:
    """Email every held decision of `call`; how many went out.

    The rows stay locked until the commit on PostgreSQL: a second release posted at once
    waits, then finds them told (and makes no second membership)."""
    waiting = list(
        db.session.scalars(
            _held(call).with_for_update(of=Application).execution_options(populate_existing=True)
        )
    )
    for application in waiting:
        notify(application, sender, now)
    return len(waiting)
