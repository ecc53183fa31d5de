"""The emails of calls, written to the outbox in the caller's transaction."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notifications.services import enqueue


def _subject(state: str, space: str):
    """The subject of a decision email (lazy: rendered in the recipient's language)."""
    if state == "accepted":
        return _l("Your application to %(space)s is accepted", space=space)
    if state == "waitlisted":
        return _l("Your application to %(space)s is on the waiting list", space=space)
    return _l("Your application to %(space)s", space=space)


def send_decision(application) -> None:
    """Tell the applicant the decision, in their language; once per application and decision."""
    applicant = application.applicant
    if applicant is None or applicant.is_deleted:
        return
    space = application.call.space
    enqueue(
        to=applicant.email,
        template="calls/decision",
        subject=_subject(application.state, space.title),
        dedupe_key=f"calls-decision:{application.id}:{application.state}",
        locale=applicant.locale or "fr",
        user_id=applicant.id,
        context={"application": application, "space": space, "applicant": applicant},
    )
