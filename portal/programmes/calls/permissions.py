"""Who may do what with calls: one function per question, for views and templates alike."""

from __future__ import annotations

from sqlalchemy import exists, select

from portal.alliance.models import ACTIVE_STATUSES, Signature
from portal.core.extensions import db
from portal.core.permissions import can_manage_space, is_signed_in
from portal.programmes.calls.models import REVIEWABLE


def can_open_call(user, space) -> bool:
    """Facilitators of an active cohort and administrators open its calls."""
    return space is not None and space.is_cohort and can_manage_space(user, space)


def can_manage_call(user, call) -> bool:
    """Edit the call and its questions, see and export its applications, decide."""
    return can_open_call(user, call.space)


def can_review(user, call) -> bool:
    """Reviewers are the cohort's facilitators and the administrators."""
    return can_manage_call(user, call)


def signed_for_organisation(user, organisation_id: int | None) -> bool:
    """`user` signed (validated or pending) on behalf of the organisation (one query)."""
    if organisation_id is None or not is_signed_in(user):
        return False
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Signature.signer_id == user.id,
                    Signature.organisation_id == organisation_id,
                    Signature.status.in_(ACTIVE_STATUSES),
                )
            )
        )
    )


def has_conflict(user, application) -> bool:
    """A reviewer who signed for the applicant's organisation, or the applicant themself."""
    if not is_signed_in(user):
        return False
    if application.applicant_id == user.id:
        return True
    return signed_for_organisation(user, application.organisation_id)


def can_review_application(user, application) -> bool:
    """Score it: a reviewer of its call without a conflict of interest."""
    return can_review(user, application.call) and not has_conflict(user, application)


def is_applicant(user, application) -> bool:
    """The person who wrote the application."""
    return is_signed_in(user) and application.applicant_id == user.id


def can_see_application(user, application) -> bool:
    """Its applicant; the call's reviewers once it is submitted (drafts are private)."""
    if is_applicant(user, application):
        return True
    return application.state in REVIEWABLE and can_review(user, application.call)
