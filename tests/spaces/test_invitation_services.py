"""Invitations as a service: parsing a paste, sending, links, resending, revoking, accepting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from itsdangerous.timed import TimestampSigner

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.spaces import invitations
from portal.spaces.invitations import InvitationRefused, Refusal
from portal.spaces.models import Invitation, Space
from tests import factories
from tests.spaces.conftest import person


def test_a_paste_is_split_into_addresses_and_numbered_bad_lines():
    parsed = invitations.parse_addresses(
        "  Ada@Example.org \n\nnot an address\nada@example.org\nbob@example.org\r\n"
        "x@y\n" + "a" * 400 + "@example.org\n"
    )
    assert parsed.valid == ["ada@example.org", "bob@example.org"]
    assert parsed.repeated == ["ada@example.org"]
    assert [number for number, _line in parsed.invalid] == [3, 6, 7]
    assert parsed.invalid[2][1].endswith("…") and len(parsed.invalid[2][1]) == 80


def test_more_than_200_addresses_are_refused_whole():
    invitations.parse_addresses("\n".join(f"p{n}@example.org" for n in range(200)))
    with pytest.raises(invitations.TooManyAddresses):
        invitations.parse_addresses("\n".join(f"p{n}@example.org" for n in range(201)))


def test_inviting_skips_members_and_pending_invitations_and_reopens_revoked_ones(app, outbox):
    cohort = factories.space(kind="cohort")
    facilitator = factories.user()
    member = factories.user(email="member@example.org")
    factories.membership(cohort, member)
    factories.invitation(cohort, "pending@example.org", send_count=1)
    factories.invitation(cohort, "revoked@example.org", status="revoked", send_count=1)
    with app.app_context():
        report = invitations.invite(
            db.session.get(Space, cohort.id),
            db.session.get(User, facilitator.id),
            "member@example.org\npending@example.org\nrevoked@example.org\nnew@example.org\n"
            "NEW@example.org\nnope",
        )
        db.session.commit()
    assert report.invited == ["revoked@example.org", "new@example.org"]
    assert report.already_members == ["member@example.org"]
    assert report.already_invited == ["pending@example.org"]
    assert report.repeated == ["new@example.org"]
    assert report.invalid == [(6, "nope")]
    sent = outbox(template="spaces/invitation")
    assert sorted(e["recipient"] for e in sent) == ["new@example.org", "revoked@example.org"]
    with app.app_context():
        reopened = db.session.scalar(
            db.select(Invitation).where(Invitation.email == "revoked@example.org")
        )
        assert reopened.is_pending and reopened.send_count == 2 and reopened.revoked_at is None


def test_the_email_speaks_the_language_of_an_existing_account_else_french(app, outbox):
    cohort = factories.space(kind="cohort")
    factories.user(email="reader@example.org", locale="en")
    with app.app_context():
        invitations.invite(db.session.get(Space, cohort.id), None, "reader@example.org\nx@ex.org")
        db.session.commit()
    locales = {e["recipient"]: e["locale"] for e in outbox(template="spaces/invitation")}
    assert locales == {"reader@example.org": "en", "x@ex.org": "fr"}


def test_communities_and_archived_cohorts_take_no_invitation(app):
    community = factories.space(kind="community")
    archived = factories.space(kind="cohort", archived_at=utcnow())
    with app.app_context():
        for space in (community, archived):
            with pytest.raises(invitations.SpaceRuleError):
                invitations.invite(db.session.get(Space, space.id), None, "a@example.org")


def sent_invitation(app, email="guest@example.org", **space_fields):
    """A cohort and an invitation to `email` sent through the service; (invitation id, token)."""
    cohort = factories.space(kind="cohort", **space_fields)
    with app.app_context():
        invitations.invite(db.session.get(Space, cohort.id), None, email)
        db.session.commit()
        invitation = db.session.scalar(
            db.select(Invitation).where(Invitation.email == email, Invitation.space_id == cohort.id)
        )
        return invitation.id, invitations.make_token(invitation)


def refusal(app, token) -> Refusal:
    """Why the link `token` is refused."""
    with app.app_context(), pytest.raises(InvitationRefused) as refused:
        invitations.invitation_for_token(token)
    return refused.value.reason


def test_a_link_names_its_invitation_until_it_is_resent(app):
    invitation_id, first = sent_invitation(app)
    with app.app_context():
        assert invitations.invitation_for_token(first).id == invitation_id
        invitations.resend(db.session.get(Invitation, invitation_id), None)
        db.session.commit()
        second = invitations.make_token(db.session.get(Invitation, invitation_id))
        assert invitations.invitation_for_token(second).id == invitation_id
    assert refusal(app, first) == Refusal.SUPERSEDED


@pytest.mark.parametrize("tampered", ["", "x" * 301, "not-a-token", "eyJpaWQiOjF9.abc.def"])
def test_tampered_links_are_invalid(app, tampered):
    _id, token = sent_invitation(app)
    assert refusal(app, tampered) == Refusal.INVALID
    assert refusal(app, token[:-2] + ("AA" if not token.endswith("AA") else "BB")) == (
        Refusal.INVALID
    )


def test_a_link_signed_for_another_purpose_is_invalid(app):
    from portal.accounts import tokens

    with app.app_context():
        token = tokens.make_token(tokens.CONFIRM, {"uid": 1, "iid": 1, "n": 1})
    assert refusal(app, token) == Refusal.INVALID


def test_links_expire_after_14_days(app, monkeypatch):
    invitation_id, _token = sent_invitation(app)
    issued = int((utcnow() - timedelta(days=14, minutes=1)).timestamp())
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued)
    with app.app_context():
        old = invitations.make_token(db.session.get(Invitation, invitation_id))
    monkeypatch.undo()
    assert refusal(app, old) == Refusal.EXPIRED


def test_an_invitation_not_resent_within_14_days_expires_whatever_its_link(app):
    invitation_id, token = sent_invitation(app)
    with app.app_context():
        stored = db.session.get(Invitation, invitation_id)
        stored.last_sent_at = utcnow() - timedelta(days=15)
        db.session.commit()
    assert refusal(app, token) == Refusal.EXPIRED


def test_revoked_links_stop_working(app):
    invitation_id, token = sent_invitation(app)
    with app.app_context():
        assert invitations.revoke(db.session.get(Invitation, invitation_id)) is True
        assert invitations.revoke(db.session.get(Invitation, invitation_id)) is False
        db.session.commit()
    assert refusal(app, token) == Refusal.REVOKED


def test_accepting_needs_the_invited_address_and_works_once(app):
    guest = person(email="guest@example.org")
    stranger = person(email="stranger@example.org")
    invitation_id, token = sent_invitation(app)
    with app.app_context():
        invitation = invitations.invitation_for_token(token)
        with pytest.raises(InvitationRefused) as refused:
            invitations.accept(invitation, db.session.get(User, stranger.id))
        assert refused.value.reason == Refusal.OTHER_ADDRESS
        membership = invitations.accept(invitation, db.session.get(User, guest.id))
        db.session.commit()
        assert membership.user_id == guest.id and membership.role == "member"
        stored = db.session.get(Invitation, invitation_id)
        assert stored.is_accepted and stored.accepted_by_id == guest.id
    assert refusal(app, token) == Refusal.USED


def test_accepting_confirms_an_unconfirmed_address_the_link_was_sent_to(app):
    guest = person(email="guest@example.org", confirmed=False)
    _id, token = sent_invitation(app)
    with app.app_context():
        invitations.accept(invitations.invitation_for_token(token), db.session.get(User, guest.id))
        db.session.commit()
        assert db.session.get(User, guest.id).is_confirmed


def test_an_archived_cohort_refuses_its_links(app):
    invitation_id, token = sent_invitation(app)
    with app.app_context():
        db.session.get(Invitation, invitation_id).space.archived_at = utcnow()
        db.session.commit()
    assert refusal(app, token) == Refusal.ARCHIVED


def test_pending_invitations_of_an_account_are_found_by_its_address(app):
    guest = person(email="guest@example.org")
    sent_invitation(app)
    sent_invitation(app, email="other@example.org")
    expired_id, _token = sent_invitation(app)
    with app.app_context():
        db.session.get(Invitation, expired_id).last_sent_at = utcnow() - timedelta(days=20)
        db.session.commit()
        found = invitations.pending_for(db.session.get(User, guest.id))
        assert [i.email for i in found] == ["guest@example.org"]
        assert invitations.pending_for(None) == []
