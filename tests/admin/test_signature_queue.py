"""The queue of organisation signatures: validate, or refuse with a reason emailed."""

import pytest

from tests import factories
from tests.alliance.helpers import signatures


@pytest.fixture
def pending(app):
    """An organisation's signature waiting in the queue, by an English-speaking signer."""
    signer = factories.user(display_name="Alex Martin", locale="en", email="alex@example.org")
    organisation = factories.organisation(
        name="Tiers-lieu La Grange", kind="association", region="pays-de-la-loire"
    )
    return factories.signature(organisation=organisation, signer=signer, status="pending")


# --- refused cases first ------------------------------------------------------


def test_member_cannot_validate_or_refuse_a_signature(client, login_as, pending, outbox):
    login_as("member")
    assert client.post(f"/admin/signatures/{pending.id}/validate").status_code == 403
    assert (
        client.post(
            f"/admin/signatures/{pending.id}/refuse", data={"reason": "Not a real organisation."}
        ).status_code
        == 403
    )
    assert signatures()[0].status == "pending"
    assert outbox() == []


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Please give the reason: the signer will read it."),
        ("   ", "Please give the reason: the signer will read it."),
        ("Too short", "Between 10 and 2000 characters, please."),
        ("x" * 2001, "Between 10 and 2000 characters, please."),
    ],
)
def test_refusal_needs_a_reason_of_ten_characters(
    client, login_as, pending, outbox, reason, message
):
    login_as("admin", locale="en")
    response = client.post(f"/admin/signatures/{pending.id}/refuse", data={"reason": reason})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert signatures()[0].status == "pending"
    assert outbox() == []


def test_unknown_signature_is_not_found(client, login_as):
    login_as("admin")
    assert client.post("/admin/signatures/999/validate").status_code == 404
    assert client.get("/admin/signatures/999/refuse").status_code == 404


# --- what works ---------------------------------------------------------------


def test_queue_lists_pending_signatures_with_their_signer(client, login_as, pending):
    factories.ally(name="Déjà alliée")
    login_as("admin", locale="en")
    page = client.get("/admin/signatures").get_data(as_text=True)
    assert "Tiers-lieu La Grange" in page and "alex@example.org" in page
    assert "Déjà alliée" not in page
    dashboard = client.get("/admin/").get_data(as_text=True)
    assert "<strong>1</strong> signature waiting for validation" in dashboard


def test_refusal_reason_is_emailed_to_the_signer_in_their_language(
    client, login_as, pending, outbox
):
    admin = login_as("admin")
    reason = "We could not confirm that you may represent this association."
    response = client.post(f"/admin/signatures/{pending.id}/refuse", data={"reason": reason})
    assert response.headers["Location"] == "/admin/signatures"
    [signature] = signatures()
    assert (signature.status, signature.refusal_reason, signature.decided_by_id) == (
        "refused",
        reason,
        admin.id,
    )
    [email] = outbox(template="alliance/signature_refused")
    assert email["recipient"] == "alex@example.org"
    assert email["locale"] == "en"
    assert email["subject"] == "Your signature of the charter was not validated"
    assert reason in email["body_text"] and reason in email["body_html"]
    assert "Tiers-lieu La Grange" in email["body_text"]
    assert "http://localhost/charter" in email["body_text"]


def test_validation_lists_the_organisation_and_tells_the_signer(client, login_as, pending, outbox):
    login_as("admin")
    client.post(f"/admin/signatures/{pending.id}/validate")
    assert signatures()[0].status == "validated"
    assert "Tiers-lieu La Grange" in client.get("/allies").get_data(as_text=True)
    [email] = outbox(template="alliance/signature_validated")
    assert email["locale"] == "en"
    assert "http://localhost/allies/tiers-lieu-la-grange" in email["body_text"]


def test_deciding_twice_says_the_signature_is_no_longer_waiting(client, login_as, pending, outbox):
    login_as("admin", locale="en")
    client.post(f"/admin/signatures/{pending.id}/validate")
    again = client.post(f"/admin/signatures/{pending.id}/validate", follow_redirects=True)
    assert "no longer waiting for a decision" in again.get_data(as_text=True)
    refuse = client.get(f"/admin/signatures/{pending.id}/refuse", follow_redirects=True)
    assert "no longer waiting for a decision" in refuse.get_data(as_text=True)
    assert signatures()[0].status == "validated"
    assert len(outbox()) == 1


def test_no_email_for_a_signer_who_deleted_their_account(client, login_as, outbox):
    gone = factories.deleted_user()
    organisation = factories.organisation(name="Orpheline")
    signature = factories.signature(organisation=organisation, signer=gone, status="pending")
    login_as("admin")
    client.post(
        f"/admin/signatures/{signature.id}/refuse", data={"reason": "The signer left the portal."}
    )
    assert signatures()[0].status == "refused"
    assert outbox(template="alliance/signature_refused") == []


def test_dashboard_links_to_the_admin_tools(client, login_as):
    login_as("admin")
    page = client.get("/admin/").get_data(as_text=True)
    for href in ("/admin/signatures", "/admin/allies/import", "/admin/messages", "/allies.csv"):
        assert f'href="{href}"' in page
