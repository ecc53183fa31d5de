"""What waits for a signed-in person: one small provider per kind of item.

Each provider asks its domain one question (one query at most, whatever the data) and
returns the items to show, or none. The home lists PROVIDERS' items in this order; a
new kind of item is a provider and a line in PROVIDERS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from flask import url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from portal.alliance.services import pending_signature_count, signing_state
from portal.core.permissions import can_manage_alliance, can_moderate_resources, can_sign_charter
from portal.materials.sharing import resources_awaiting_moderation_count
from portal.meetings.queries import attendance_to_record
from portal.programmes.calls.queries import applications_of, reviews_waiting_by_call
from portal.programmes.permissions import can_review_proposals
from portal.programmes.services import proposals_awaiting_review_count
from portal.spaces.invitations import make_token, pending_for


@dataclass(frozen=True)
class WaitingItem:
    """One thing to do: a sentence that is its link."""

    #: A CSS key: "charter", "invitation", "attendance", "signatures"…
    kind: str
    text: str
    url: str


@dataclass
class Viewer:
    """Who the home is for, and what several parts of it ask once."""

    user: object
    now: datetime

    @cached_property
    def signing(self):
        """The person's signatures (alliance.services.signing_state), asked once."""
        return signing_state(self.user)


def charter_to_sign(viewer: Viewer) -> list[WaitingItem]:
    """Sign the charter, for a person with no pending or validated signature."""
    if viewer.signing.has_signed:
        return []
    text = _("Sign the alliance charter, in your own name or on behalf of your organisation.")
    if not can_sign_charter(viewer.user):
        text = _("Confirm your email address, then sign the alliance charter.")
    return [WaitingItem("charter", text, url_for("alliance.charter"))]


def invitations_to_accept(viewer: Viewer) -> list[WaitingItem]:
    """The cohorts whose invitation to the person's address is still usable."""
    return [
        WaitingItem(
            "invitation",
            _("The cohort “%(title)s” invites you to join it.", title=invitation.space.title),
            url_for("spaces.invitation", token=make_token(invitation)),
        )
        for invitation in pending_for(viewer.user)
    ]


def attendance_to_mark(viewer: Viewer) -> list[WaitingItem]:
    """Recent past sessions of the spaces the person facilitates, attendance not recorded."""
    return [
        WaitingItem(
            "attendance",
            _(
                "Record who came to “%(title)s” (%(space)s, %(date)s).",
                title=meeting.title,
                space=meeting.space.title,
                date=format_date(meeting.starts_at, "medium"),
            ),
            url_for("meetings.attendance", meeting_id=meeting.id),
        )
        for meeting in attendance_to_record(viewer.user.id, now=viewer.now)
    ]


def signatures_to_review(viewer: Viewer) -> list[WaitingItem]:
    """For administrators: organisation signatures waiting in the validation queue."""
    if not can_manage_alliance(viewer.user):
        return []
    count = pending_signature_count()
    if not count:
        return []
    text = ngettext(
        "%(num)d organisation signature waits for your review.",
        "%(num)d organisation signatures wait for your review.",
        count,
    )
    return [WaitingItem("signatures", text, url_for("admin.signatures"))]


def proposals_to_review(viewer: Viewer) -> list[WaitingItem]:
    """For administrators: allies' proposals of dispositifs waiting for a decision."""
    if not can_review_proposals(viewer.user):
        return []
    count = proposals_awaiting_review_count()
    if not count:
        return []
    text = ngettext(
        "%(num)d proposal of a dispositif waits for your review.",
        "%(num)d proposals of dispositifs wait for your review.",
        count,
    )
    return [WaitingItem("proposals", text, url_for("programmes.proposals_queue"))]


def _application_text(application) -> str:
    """What the applicant reads of one application, by the state they may see."""
    names = {"call": application.call.space.title}
    if application.organisation is not None:
        names["call"] = f"{names['call']} ({application.organisation.name})"
    state = application.shown_state
    if state == "draft":
        return _(
            "Your draft application to “%(call)s” waits to be submitted, before %(date)s.",
            date=format_date(application.call.closes_at, "long"),
            **names,
        )
    texts = {
        "submitted": _("Your application to “%(call)s” is being reviewed.", **names),
        "accepted": _("Your application to “%(call)s” was accepted: welcome!", **names),
        "waitlisted": _("Your application to “%(call)s” is on the waiting list.", **names),
        "declined": _("Your application to “%(call)s” was not accepted.", **names),
        "withdrawn": _("You withdrew your application to “%(call)s”.", **names),
    }
    return texts[state]


def applications_in_progress(viewer: Viewer) -> list[WaitingItem]:
    """The person's applications to cohorts, each with the state they may see."""
    return [
        WaitingItem(
            f"application-{application.shown_state}",
            _application_text(application),
            url_for("calls.application", application_id=application.id),
        )
        for application in applications_of(viewer.user)
    ]


def applications_to_review(viewer: Viewer) -> list[WaitingItem]:
    """For reviewers (a cohort's facilitators, administrators): applications not yet scored,
    one item per call."""
    return [
        WaitingItem(
            "reviews",
            ngettext(
                "%(num)d application to “%(call)s” waits for your review.",
                "%(num)d applications to “%(call)s” wait for your review.",
                count,
                call=call.space.title,
            ),
            url_for("calls.applications", call_id=call.id),
        )
        for call, count in reviews_waiting_by_call(viewer.user)
    ]


def resources_to_moderate(viewer: Viewer) -> list[WaitingItem]:
    """For administrators and library editors: resources allies shared, not yet moderated."""
    if not can_moderate_resources(viewer.user):
        return []
    count = resources_awaiting_moderation_count()
    if not count:
        return []
    text = ngettext(
        "%(num)d shared resource waits for moderation.",
        "%(num)d shared resources wait for moderation.",
        count,
    )
    return [WaitingItem("resources", text, url_for("materials.moderation"))]


#: The kinds of items, in the order the home lists them.
PROVIDERS: list[Callable[[Viewer], list[WaitingItem]]] = [
    charter_to_sign,
    invitations_to_accept,
    applications_in_progress,
    applications_to_review,
    attendance_to_mark,
    signatures_to_review,
    proposals_to_review,
    resources_to_moderate,
]


def waiting_for(viewer: Viewer) -> list[WaitingItem]:
    """Everything that waits for the person, provider by provider."""
    return [item for provider in PROVIDERS for item in provider(viewer)]
