"""Invitations through the pages: refused cases first, then inviting, the link, accepting."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.spaces import invitations
from portal.spaces.models import Invitation
from tests import factories
from tests.spaces.conftest import person


@pytest.fixture
def facilitator(cohort):
    """A facilitator of the cohort, reading English."""
    user = person(display_name="Claire Facilitatrice")
    factories.membership(cohort, user, role="facilitator")
    return user


def invite(client, cohort, addresses: str):
    return client.post(f"/spaces/{cohort.slug}/invitations", data={"addresses": addresses})


def invitation_rows(app, cohort) -> list[Invitation]:
    with app.app_context():
        rows = list(
            db.session.scalars(
                select(Invitation).where(Invitation.space_id == cohort.id).order_by(Invitation.id)
            )
        )
        db.session.expunge_all()
        return rows


def link_of(email: dict) -> str:
    """The invitation link path in an outbox email's text."""
    return re.search(r"http://localhost(/invitations/\S+)", email["body_text"]).group(1)


def sent_link(app, viewer, cohort, facilitator, outbox, address="guest@example.org") -> str:
    """Invite `address` as the facilitator and return the path of the emailed link."""
    invite(viewer(facilitator), cohort, address)
    return link_of(outbox(recipient=address)[-1])


# --- refused ---------------------------------------------------------------------------


def test_a_member_cannot_invite(app, viewer, cohort, outbox):
    member = person()
    factories.membership(cohort, member)
    client = viewer(member)
    assert client.get(f"/spaces/{cohort.slug}/invitations").status_code == 403
    assert invite(client, cohort, "friend@example.org").status_code == 403
    assert invitation_rows(app, cohort) == [] and outbox() == []


def test_a_facilitator_of_another_space_cannot_even_see_the_cohort(app, viewer, cohort, outbox):
    other = person()
    factories.membership(factories.space(title="Autre"), other, role="facilitator")
    assert invite(viewer(other), cohort, "friend@example.org").status_code == 404
    assert invitation_rows(app, cohort) == [] and outbox() == []


def test_201_addresses_are_refused_and_none_is_invited(app, viewer, cohort, facilitator, outbox):
    addresses = "\n".join(f"person{n}@example.org" for n in range(201))
    response = invite(viewer(facilitator), cohort, addresses)
    assert response.status_code == 200
    assert "At most 200 addresses at once (you pasted 201)." in response.get_data(as_text=True)
    assert invitation_rows(app, cohort) == [] and outbox() == []


def test_an_absurdly_long_paste_is_a_form_error(app, viewer, cohort, facilitator):
    response = invite(viewer(facilitator), cohort, "a" * 100_000)
    assert "At most 200 addresses at once." in response.get_data(as_text=True)
    assert invitation_rows(app, cohort) == []


def test_an_invitation_for_another_address_is_refused(app, viewer, cohort, facilitator, outbox):
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    stranger = viewer(person(email="stranger@example.org"))
    page = stranger.get(link)
    assert page.status_code == 403
    assert "This invitation was sent to another email address." in page.get_data(as_text=True)
    assert "Join the cohort" not in page.get_data(as_text=True)
    accept = stranger.post(link + "/accept")
    assert accept.status_code == 403
    assert "Invitations are personal" in accept.get_data(as_text=True)
    [row] = invitation_rows(app, cohort)
    assert row.is_pending


def test_an_expired_link_is_refused(app, viewer, cohort, facilitator, outbox):
    guest = viewer(person(email="guest@example.org"))
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    with app.app_context():
        db.session.scalar(select(Invitation)).last_sent_at = utcnow() - timedelta(days=15)
        db.session.commit()
    page = guest.get(link)
    assert page.status_code == 410
    assert "This invitation has expired." in page.get_data(as_text=True)
    assert guest.post(link + "/accept").status_code == 410
    assert guest.get(f"/spaces/{cohort.slug}").status_code == 404


def test_a_tampered_link_is_refused(app, viewer, cohort, facilitator, outbox):
    guest = viewer(person(email="guest@example.org"))
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    tampered = link[:-3] + ("xyz" if not link.endswith("xyz") else "abc")
    page = guest.get(tampered)
    assert page.status_code == 404
    assert "This invitation link is not valid." in page.get_data(as_text=True)
    assert guest.post(tampered + "/accept").status_code == 404
    assert guest.get("/invitations/" + "x" * 5000).status_code == 404


def test_a_revoked_link_is_refused(app, viewer, cohort, facilitator, outbox):
    guest = viewer(person(email="guest@example.org"))
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    [row] = invitation_rows(app, cohort)
    response = viewer(facilitator).post(f"/spaces/{cohort.slug}/invitations/{row.id}/revoke")
    assert response.status_code == 302
    assert "This invitation was withdrawn." in guest.get(link).get_data(as_text=True)
    assert guest.post(link + "/accept").status_code == 410
    assert guest.get(f"/spaces/{cohort.slug}").status_code == 404


def test_a_used_link_is_refused_to_others_and_leads_its_owner_to_the_cohort(
    app, viewer, cohort, facilitator, outbox
):
    guest_user = person(email="guest@example.org")
    guest = viewer(guest_user)
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    assert guest.post(link + "/accept").status_code == 302
    again = guest.post(link + "/accept")
    assert again.headers["Location"] == f"/spaces/{cohort.slug}"
    assert guest.get(link).headers["Location"] == f"/spaces/{cohort.slug}"
    # Someone who got hold of the link later (a forwarded email) cannot reuse it.
    anonymous = viewer(None).get(link)
    assert anonymous.status_code == 410
    assert "This invitation was already accepted." in anonymous.get_data(as_text=True)


def test_a_resent_invitation_invalidates_the_earlier_link(app, viewer, cohort, facilitator, outbox):
    guest = viewer(person(email="guest@example.org"))
    first = sent_link(app, viewer, cohort, facilitator, outbox)
    [row] = invitation_rows(app, cohort)
    response = viewer(facilitator).post(f"/spaces/{cohort.slug}/invitations/{row.id}/resend")
    assert response.status_code == 302
    second = link_of(outbox(recipient="guest@example.org")[-1])
    assert second != first
    assert "A newer invitation was sent to you" in guest.get(first).get_data(as_text=True)
    assert guest.post(first + "/accept").status_code == 410
    assert guest.post(second + "/accept").status_code == 302


def test_invitations_of_another_cohort_cannot_be_touched(app, viewer, cohort, facilitator):
    other = factories.space(title="Autre cohorte")
    foreign = factories.invitation(other, "someone@example.org")
    client = viewer(facilitator)
    assert client.post(f"/spaces/{cohort.slug}/invitations/{foreign.id}/revoke").status_code == 404
    assert client.post(f"/spaces/{cohort.slug}/invitations/{foreign.id}/resend").status_code == 404


# --- inviting and accepting --------------------------------------------------------------


def test_a_facilitator_invites_a_list_and_sees_what_happened_to_each_line(
    app, viewer, cohort, facilitator, outbox
):
    member = person(email="already@example.org")
    factories.membership(cohort, member)
    factories.invitation(cohort, "pending@example.org", send_count=1)
    pasted = (
        "ada@example.org\n\nnot an address\nAda@Example.org\nalready@example.org\n"
        "pending@example.org\nbob@example.org"
    )
    response = invite(viewer(facilitator), cohort, pasted)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 people invited" in page
    assert "Line 3: “not an address”" in page
    assert "Listed more than once (invited once)" in page
    assert "Already members, skipped" in page and "already@example.org" in page
    assert "Already invited, skipped" in page
    # Only the line to correct stays in the box.
    assert re.search(r"<textarea[^>]*>\s*not an address</textarea>", page)
    assert sorted(e["recipient"] for e in outbox()) == ["ada@example.org", "bob@example.org"]


def test_the_invitation_email_names_the_cohort_the_sender_and_the_validity(
    app, viewer, cohort, facilitator, outbox
):
    invite(viewer(facilitator), cohort, "newcomer@example.org")
    [email] = outbox()
    assert email["locale"] == "fr" and email["user_id"] is None
    factories.user(email="reader@example.org", locale="en")
    invite(viewer(facilitator), cohort, "reader@example.org")
    [english] = outbox(recipient="reader@example.org")
    assert english["subject"] == "Invitation to join Territoires pilotes"
    text = english["body_text"]
    assert "Claire Facilitatrice invites you to join the cohort “Territoires pilotes”" in text
    assert "valid for 14 days" in text
    assert "The cohort runs from January 1, 2027 to December 31, 2027." in text


def test_an_anonymous_visitor_sees_the_cohort_and_is_offered_to_log_in_or_register(
    app, viewer, cohort, facilitator, outbox
):
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    response = viewer(None).get(link)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "same-origin"  # see portal.core.security
    assert "Invitation to Territoires pilotes" in page
    assert f'href="/auth/login?next={link}"' in page
    assert f'href="/auth/register?next={link}"' in page


def test_an_invited_member_logs_in_and_lands_back_on_the_link_to_accept(
    app, viewer, cohort, facilitator, outbox
):
    guest_user = person(email="guest@example.org")
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    client = viewer(None)
    login = client.post(
        f"/auth/login?next={link}",
        data={"email": "guest@example.org", "password": factories.PASSWORD, "next": link},
    )
    assert login.headers["Location"] == link
    page = client.get(link).get_data(as_text=True)
    assert "Join the cohort" in page
    accepted = client.post(link + "/accept")
    assert accepted.headers["Location"] == f"/spaces/{cohort.slug}"
    assert "Welcome to the cohort" in client.get(accepted.headers["Location"]).text
    [row] = invitation_rows(app, cohort)
    assert row.is_accepted and row.accepted_by_id == guest_user.id
    listing = viewer(facilitator).get(f"/spaces/{cohort.slug}/invitations").get_data(as_text=True)
    assert "Accepted" in listing and "by Member" in listing


def test_accepting_needs_to_be_logged_in(app, viewer, cohort, facilitator, outbox):
    link = sent_link(app, viewer, cohort, facilitator, outbox)
    response = viewer(None).post(link + "/accept")
    # After logging in, the visitor comes back to the page (a login cannot replay a POST).
    assert response.headers["Location"] == f"/auth/login?next={link}"
    assert invitation_rows(app, cohort)[0].is_pending


def test_pending_invitations_wait_on_the_spaces_page(app, viewer, cohort, facilitator, outbox):
    guest_user = person(email="guest@example.org")
    sent_link(app, viewer, cohort, facilitator, outbox)
    client = viewer(guest_user)
    page = client.get("/spaces").get_data(as_text=True)
    assert "Invitations waiting for you" in page
    action = re.search(r'action="(/invitations/[^"]+/accept)"', page).group(1)
    assert client.post(action).headers["Location"] == f"/spaces/{cohort.slug}"
    assert "Invitations waiting for you" not in client.get("/spaces").get_data(as_text=True)


def test_the_facilitators_list_shows_expired_and_withdrawn_invitations(
    app, viewer, cohort, facilitator
):
    factories.invitation(cohort, "old@example.org", last_sent_at=utcnow() - timedelta(days=20))
    factories.invitation(cohort, "gone@example.org", status="revoked", revoked_at=utcnow())
    page = viewer(facilitator).get(f"/spaces/{cohort.slug}/invitations").get_data(as_text=True)
    assert "Expired" in page and "Withdrawn" in page
    assert page.count("Send again") == 1  # only the pending (expired) one can be sent again


def test_max_age_follows_the_configuration(app):
    app.config["INVITATION_MAX_AGE"] = timedelta(days=3)
    try:
        with app.app_context():
            assert invitations.max_age() == timedelta(days=3)
    finally:
        del app.config["INVITATION_MAX_AGE"]


@pytest.mark.parametrize("number", ["99999999999999999999", "2147483648"])
def test_ids_beyond_the_database_range_are_404(viewer, cohort, facilitator, number):
    client = viewer(facilitator)
    admin = viewer(person(role="admin"))
    assert client.post(f"/spaces/{cohort.slug}/invitations/{number}/revoke").status_code == 404
    assert client.post(f"/spaces/{cohort.slug}/invitations/{number}/resend").status_code == 404
    assert admin.post(f"/spaces/{cohort.slug}/facilitators/{number}/remove").status_code == 404


def test_a_nul_character_in_the_paste_is_reported_not_stored(app, viewer, cohort, facilitator):
    response = invite(viewer(facilitator), cohort, "a\x00b@example.org\nok@example.org")
    assert "1 person invited" in response.get_data(as_text=True)
    assert [row.email for row in invitation_rows(app, cohort)] == ["ok@example.org"]
