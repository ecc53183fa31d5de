"""What waits for a person on their home: one provider per kind of item."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests import factories


@pytest.fixture
def waiting(app):
    """`waiting(provider_name, person)`: the kinds and links a provider gives `person`."""
    from portal.accounts.models import User
    from portal.core.db import utcnow
    from portal.core.extensions import db
    from portal.site.home import waiting as module

    def _items(name: str, person):
        with app.test_request_context():
            viewer = module.Viewer(db.session.get(User, person.id), utcnow())
            return [(item.kind, item.url) for item in getattr(module, name)(viewer)]

    return _items


def test_a_person_who_never_signed_is_asked_to_sign_the_charter(waiting):
    assert waiting("charter_to_sign", factories.user()) == [("charter", "/charter")]


@pytest.mark.parametrize("status", ["validated", "pending"])
def test_a_person_who_signed_has_no_charter_item(waiting, status):
    person = factories.user()
    factories.signature(signer=person, organisation=factories.organisation(), status=status)
    assert waiting("charter_to_sign", person) == []


def test_a_withdrawn_signature_asks_again(waiting):
    person = factories.user()
    factories.signature(signer=person, status="withdrawn")
    assert [kind for kind, _url in waiting("charter_to_sign", person)] == ["charter"]


def test_an_invitation_to_the_persons_address_waits_for_them(waiting):
    person = factories.user(email="Invited@Example.org")
    cohort = factories.space(title="Cohorte pilote")
    factories.invitation(cohort, "invited@example.org")
    factories.invitation(factories.space(), "invited@example.org", status="revoked")
    factories.invitation(factories.space(), "someone.else@example.org")
    items = waiting("invitations_to_accept", person)
    assert [kind for kind, _url in items] == ["invitation"]
    assert items[0][1].startswith("/invitations/")


def test_an_invitation_to_an_archived_cohort_does_not_wait(waiting):
    from portal.core.db import utcnow

    person = factories.user()
    factories.invitation(factories.space(archived_at=utcnow()), person.email)
    assert waiting("invitations_to_accept", person) == []


def _past_session_with_a_seat(space, **fields):
    meeting = factories.meeting(space, starts_in_days=fields.pop("starts_in_days", -2), **fields)
    factories.registration(meeting, factories.user())
    return meeting


def test_a_facilitator_is_asked_to_record_attendance_of_a_recent_session(waiting):
    facilitator = factories.user()
    space = factories.space()
    factories.membership(space, facilitator, role="facilitator")
    meeting = _past_session_with_a_seat(space)
    assert waiting("attendance_to_mark", facilitator) == [
        ("attendance", f"/meetings/{meeting.id}/attendance")
    ]


def test_no_attendance_item_for_a_member_who_does_not_facilitate(waiting):
    member = factories.user()
    space = factories.space()
    factories.membership(space, member)
    _past_session_with_a_seat(space)
    assert waiting("attendance_to_mark", member) == []


def test_no_attendance_item_once_recorded_cancelled_empty_to_come_or_long_past(waiting):
    from portal.core.db import utcnow

    facilitator = factories.user()
    space = factories.space()
    factories.membership(space, facilitator, role="facilitator")
    recorded = factories.meeting(space, starts_in_days=-2)
    factories.registration(recorded, factories.user(), attendance_recorded_at=utcnow())
    _past_session_with_a_seat(space, cancelled_at=utcnow())
    factories.meeting(space, starts_in_days=-2)  # nobody had a seat
    _past_session_with_a_seat(space, starts_in_days=3)  # to come
    _past_session_with_a_seat(space, starts_in_days=-45)  # beyond the window
    assert waiting("attendance_to_mark", facilitator) == []


def test_an_administrator_sees_the_signatures_to_review(waiting):
    factories.signature(
        signer=factories.user(), organisation=factories.organisation(), status="pending"
    )
    admin = factories.user(role="admin")
    assert waiting("signatures_to_review", admin) == [("signatures", "/admin/signatures")]
    assert waiting("signatures_to_review", factories.user()) == []


def test_an_administrator_with_an_empty_queue_has_no_signature_item(waiting):
    assert waiting("signatures_to_review", factories.user(role="admin")) == []


def test_an_administrator_sees_the_proposals_of_dispositifs_to_review(waiting):
    proposer = factories.user()
    factories.proposal(proposer)
    factories.proposal(proposer, state="question_asked")  # waits for the proposer, not them
    admin = factories.user(role="admin")
    assert waiting("proposals_to_review", admin) == [("proposals", "/dispositifs/propositions")]
    assert waiting("proposals_to_review", proposer) == []


def test_the_applicant_reads_the_state_they_may_see_of_each_application(waiting):
    cohort = factories.space(title="Territoires pilotes 2028")
    call = factories.call_for(cohort, holds_decisions=True)
    applicant = factories.user()
    draft = factories.application(call, applicant, state="draft")
    held = factories.application(factories.call_for(cohort, holds_decisions=True), applicant)
    with factories.context():
        from portal.core.db import utcnow
        from portal.core.extensions import db
        from portal.programmes.calls.models import Application

        # Accepted, but held: the applicant still reads "being reviewed".
        db.session.get(Application, held.id).state = "accepted"
        db.session.get(Application, held.id).decided_at = utcnow()
        db.session.commit()
    items = waiting("applications_in_progress", applicant)
    assert sorted(items) == sorted(
        [
            ("application-draft", f"/appels/candidatures/{draft.id}"),
            ("application-submitted", f"/appels/candidatures/{held.id}"),
        ]
    )
    assert waiting("applications_in_progress", factories.user()) == []


def test_a_cohorts_facilitator_sees_the_applications_to_review_per_call(waiting):
    cohort = factories.space()
    facilitator = factories.user()
    factories.membership(cohort, facilitator, role="facilitator")
    call = factories.call_for(cohort)
    factories.application(call, factories.user())
    factories.application(call, factories.user(), state="draft")  # not submitted: not yet
    assert waiting("applications_to_review", facilitator) == [
        ("reviews", f"/appels/{call.id}/candidatures")
    ]
    outsider = factories.user()
    assert waiting("applications_to_review", outsider) == []


def test_moderators_see_the_shared_resources_waiting_for_them(waiting):
    factories.shared_resource(url="https://example.org/guide")
    factories.shared_resource(url="https://example.org/published", status="published")
    editor = factories.user(is_library_editor=True)
    expected = [("resources", "/resources/moderation")]
    assert waiting("resources_to_moderate", factories.user(role="admin")) == expected
    assert waiting("resources_to_moderate", editor) == expected
    assert waiting("resources_to_moderate", factories.user()) == []


def test_the_providers_come_in_the_homes_order(app):
    from portal.site.home.waiting import PROVIDERS

    assert [p.__name__ for p in PROVIDERS] == [
        "charter_to_sign",
        "invitations_to_accept",
        "applications_in_progress",
        "applications_to_review",
        "attendance_to_mark",
        "signatures_to_review",
        "proposals_to_review",
        "resources_to_moderate",
    ]


def test_visio_link_is_near_from_an_hour_before_until_the_end(app):
    from portal.core.db import utcnow
    from portal.meetings.models import Meeting
    from portal.meetings.queries import visio_is_near

    now = utcnow()
    meeting = Meeting(
        starts_at=now + timedelta(minutes=50),
        ends_at=now + timedelta(hours=2),
        visio_url="https://visio.example.org/room",
    )
    assert visio_is_near(meeting, now)
    assert not visio_is_near(meeting, now - timedelta(minutes=20))
    assert not visio_is_near(meeting, now + timedelta(hours=3))
    meeting.cancelled_at = now
    assert not visio_is_near(meeting, now)
    meeting.cancelled_at, meeting.visio_url = None, ""
    assert not visio_is_near(meeting, now)
