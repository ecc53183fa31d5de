"""One of each object the portal serves, and the people who look at them.

`build_world()` makes a small, complete portal: a cohort and a community with a member
(an ally: signed the charter) and a facilitator, a dispositif run by the cohort, a
milestone and the member's proposal of a dispositif, an outsider (signed in, in no
space), an administrator, and in the cohort a session to come, a past session, a
material, a thread with a reply, an invitation; an ally with a published experience, a
pending signature, a contact message, the themes; someone with two-factor login on; an
open call for applications to the cohort, with the member's submitted application and a
draft to another call; an assembly edition in its evaluation phase with its questionnaire,
another in its consultation phase (with its programme's space, a board member, a
governance document and the member's contribution); a published yearly report and a
draft one. `World.args` names a sample value for
every URL argument the portal's routes take, so a route's line in the matrix rarely needs
its own arguments (see routes.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests import factories

#: The viewpoints of the matrix, by their one-letter code in routes.py.
PERSONAS = {
    "a": "anonymous",
    "m": "member",
    "o": "outsider",
    "f": "facilitator",
    "A": "admin",
}


@dataclass
class World:
    """The people (by persona name) and a value for each URL argument name."""

    people: dict
    args: dict = field(default_factory=dict)

    def person(self, code: str):
        """The user of a persona code ("a" → None)."""
        return self.people[PERSONAS[code]]


def build_world() -> World:
    """Build a fresh world; may be called several times in one test (names are unique)."""
    from portal.core.extensions import db
    from portal.experiences.themes import seed_themes
    from portal.notifications.unsubscribe import make_token as unsubscribe_token
    from portal.site.models import ContactMessage
    from portal.spaces.invitations import make_token
    from portal.spaces.models import Invitation

    with factories.context():
        seed_themes()  # a fresh install writes them on the first admin change: do it up front
        db.session.commit()
    org = factories.ally()
    cohort = factories.space()
    community = factories.space(kind="community")
    archived = factories.space(archived_at=_now())
    member = factories.user(organisation_id=org.id, calendar_token=_token())
    facilitator = factories.user()
    outsider = factories.user()
    admin = factories.user(role="admin")
    enrolled = factories.user()  # two-factor login on: what an administrator may reset
    factories.two_factor(enrolled)
    for space in (cohort, community):
        factories.membership(space, member)
        factories.membership(space, facilitator, role="facilitator")
    meeting = factories.meeting(cohort)
    past = factories.meeting(cohort, starts_in_days=-2)
    factories.register(meeting, member)
    material = factories.material(cohort, poster=facilitator)
    shared = factories.shared_resource(member, status="published")
    thread = factories.thread(cohort, author=member)
    reply = factories.post(thread, member)
    experience = factories.experience(org, author=member)
    # Pending signatures are organisations' (a person's own is validated at once).
    signature = factories.signature(
        signer=member, organisation=factories.organisation(), status="pending"
    )
    other_login = factories.login_record(member)
    # The member signed the charter themself: an ally, who may propose a dispositif and
    # apply to the cohort's open call (submitted), and keeps a draft for a second call.
    factories.signature(signer=member)
    call = factories.call_for(cohort)
    application = factories.application(call, member)
    draft = factories.application(factories.call_for(cohort), member, state="draft")
    invitation = factories.invitation(cohort, outsider.email)
    programme = factories.programme(editions=(cohort,))
    milestone = factories.milestone()
    proposal = factories.proposal(member)
    with factories.context():
        _add_cover(cohort)
        unsubscribe = unsubscribe_token(member.id, "digest")
        message = factories.save(
            ContactMessage(name="Visitor", email="visitor@example.org", topic="other", body="Hi")
        )
        invitation_token = make_token(db.session.get(Invitation, invitation.id))
        email_id, bounce_id = _mail_trouble()
        reset = _reset_token(facilitator)
    questionnaire = factories.questionnaire(factories.assembly_edition(phase="evaluation"))
    # The assembly edition in its consultation phase (its programme a community space),
    # with a board member, a governance document, and the member's contribution.
    edition = factories.assembly_edition(
        phase="consultation", space_id=factories.space(kind="community").id
    )
    board_member = factories.board_member()
    governance_document = factories.governance_document(edition=edition)
    contribution = factories.contribution(edition, member)
    vote = _vote_world()
    report = factories.report(published=True)  # public; a draft beside it is not
    draft_report = factories.report()
    return World(
        people={
            "anonymous": None,
            "member": member,
            "outsider": outsider,
            "facilitator": facilitator,
            "admin": admin,
        },
        args={
            "slug": cohort.slug,
            "community_slug": community.slug,
            "archived_slug": archived.slug,
            "meeting_id": meeting.id,
            "past_meeting_id": past.id,
            "material_id": material.id,
            "shared_material_id": shared.id,
            "thread_id": thread.id,
            "post_id": reply.id,
            "experience_id": experience.id,
            "signature_id": signature.id,
            "message_id": message.id,
            "login_id": other_login.id,
            "user_id": facilitator.id,
            "enrolled_user_id": enrolled.id,
            "invitation_id": invitation.id,
            "invitation_token": invitation_token,
            "calendar_token": member.calendar_token,
            "token": "not-a-valid-token",
            "key": "energy",
            "number": 1,
            "choice": "follow",
            "action": "pin",
            "moderation_action": "unhide",
            "filename": "css/portal.css",
            "organisation_slug": org.slug,
            "email_id": email_id,
            "bounce_id": bounce_id,
            "unsubscribe_token": unsubscribe,
            "reset_token": reset,
            "programme_slug": programme.slug,
            "edition_id": programme.edition_ids[0],
            "milestone_id": milestone.id,
            "proposal_id": proposal.id,
            "call_id": call.id,
            "question_id": _first_question(call),
            "application_id": application.id,
            "draft_application_id": draft.id,
            "questionnaire_year": _year_of(questionnaire[0]),
            "questionnaire_question_id": questionnaire[0].id,
            "year": edition.year,
            "opendata_format": "json",
            "contribution_id": contribution.id,
            "member_id": board_member.id,
            "document_id": governance_document.id,
            "report_year": report.year,
            "draft_report_year": draft_report.year,
            **vote,
        },
    )


def _first_question(call) -> int:
    """The id of the first question of `call`."""
    from sqlalchemy import select

    from portal.core.extensions import db
    from portal.programmes.calls.models import Question

    with factories.context():
        return db.session.scalar(
            select(Question.id).where(Question.call_id == call.id).order_by(Question.position)
        )


def _token() -> str:
    from portal.meetings.feeds import new_token

    return new_token()


def _now():
    from portal.core.db import utcnow

    return utcnow()


def _add_cover(space) -> None:
    """Give `space` a cover image, so its cover route has something to serve."""
    from io import BytesIO

    from werkzeug.datastructures import FileStorage

    from portal.core.extensions import db
    from portal.spaces import services
    from portal.spaces.models import Space
    from tests.core.upload_samples import png

    upload = FileStorage(stream=BytesIO(png()), filename="cover.png")
    services.set_cover_image(db.session.get(Space, space.id), upload)
    db.session.commit()


def _mail_trouble() -> tuple[int, int]:
    """A failed outbox email and a bouncing address, for the outbox administration."""
    from sqlalchemy import select

    from portal.core.db import utcnow
    from portal.core.extensions import db
    from portal.notifications.bounces import record_hard_bounce
    from portal.notifications.models import MailBounce, OutboxEmail

    email = OutboxEmail(
        dedupe_key=f"security-world:{factories.next_number()}",
        recipient="someone@example.org",
        template="accounts/reset",
        locale="en",
        subject="Failed",
        body_text="Failed",
        body_html="<p>Failed</p>",
        status="failed",
    )
    db.session.add(email)
    address = f"bouncing{factories.next_number()}@example.org"
    record_hard_bounce(address, "550 5.1.1 No such user", utcnow())
    db.session.commit()
    bounce_id = db.session.scalar(select(MailBounce.id).where(MailBounce.address == address))
    return email.id, bounce_id


def _reset_token(user) -> str:
    """A valid password-reset token of `user` (as emailed by portal.accounts.emails)."""
    from portal.accounts import tokens
    from portal.accounts.models import User
    from portal.core.extensions import db

    fingerprint = tokens.password_fingerprint(db.session.get(User, user.id).password_hash)
    return tokens.make_token(tokens.RESET, {"uid": user.id, "fp": fingerprint})


def _year_of(question) -> int:
    """The year of the edition a questionnaire question belongs to."""
    from portal.assembly.models import AssemblyEdition
    from portal.core.extensions import db

    with factories.context():
        return db.session.get(AssemblyEdition, question.edition_id).year


def _vote_world() -> dict:
    """An assembly edition whose vote is open: a motion, an election with a candidate and
    a proxy between two signatory organisations."""
    edition = factories.assembly_edition(phase="vote")
    motion = factories.vote_item(edition)
    election = factories.vote_item(edition, kind="election", seats=2)
    candidacy = factories.candidacy(election, factories.user())
    proxy = factories.vote_proxy(edition, factories.ally(), factories.ally())
    closed = factories.assembly_edition(phase="results")
    factories.vote_item(closed)
    return {
        "vote_closed_year": closed.year,
        "vote_year": edition.year,
        "vote_item_id": motion.id,
        "vote_election_id": election.id,
        "vote_candidacy_id": candidacy.id,
        "vote_proxy_id": proxy.id,
    }
