"""Signing the charter in one's own name or for an organisation, and withdrawing."""

import pytest

from tests import factories
from tests.alliance.helpers import count, organisation_form, signatures

# --- refused cases first ------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/charter/sign"),
        ("get", "/charter/sign/organisation"),
        ("post", "/charter/sign/organisation"),
    ],
)
def test_anonymous_visitor_is_sent_to_log_in_to_sign(client, method, path):
    response = getattr(client, method)(path, data={"commitment": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert signatures() == []


def test_unconfirmed_member_cannot_sign_the_charter(client, login_as):
    login_as("member", confirmed=False)
    assert client.post("/charter/sign", data={"commitment": "y"}).status_code == 403
    assert client.get("/charter/sign/organisation").status_code == 403
    assert client.post("/charter/sign/organisation", data=organisation_form()).status_code == 403
    assert signatures() == []
    page = client.get("/charter").get_data(as_text=True)
    assert "Confirm your email address to sign the charter" in page


def test_signing_form_requires_a_csrf_token(client, login_as, with_csrf):
    login_as("member")
    response = client.post("/charter/sign", data={"commitment": "y"})
    assert response.status_code == 400
    assert signatures() == []


def test_signing_needs_the_commitment_box(client, login_as):
    login_as("member")
    response = client.post("/charter/sign", data={}, follow_redirects=True)
    assert "Please confirm that you commit to the charter." in response.get_data(as_text=True)
    assert signatures() == []


def test_member_cannot_sign_twice_in_their_own_name(client, login_as):
    member = login_as("member")
    client.post("/charter/sign", data={"commitment": "y"})
    response = client.post("/charter/sign", data={"commitment": "y"}, follow_redirects=True)
    assert response.status_code == 200
    assert "You have already signed version 1 of the charter." in response.get_data(as_text=True)
    assert len(signatures(signer_id=member.id)) == 1


def test_a_twin_signature_lost_in_a_race_gives_the_duplicate_message(app, monkeypatch):
    from flask_babel import force_locale

    from portal.accounts.models import User
    from portal.alliance.services import AlreadySigned, sign_as_person
    from portal.alliance.services import signatures as module
    from portal.core.extensions import db

    member = factories.user()
    factories.signature(signer=member)
    # The twin committed between our check and our insert: the constraint must answer.
    monkeypatch.setattr(module, "existing_signature", lambda key, version, signer_id: None)
    with app.app_context(), force_locale("en"):
        user = db.session.get(User, member.id)
        with pytest.raises(AlreadySigned, match="already signed version 1"):
            sign_as_person(user)
        db.session.rollback()
    assert len(signatures()) == 1


def test_organisation_signature_needs_the_representation_box(client, login_as):
    login_as("member")
    response = client.post("/charter/sign/organisation", data=organisation_form(represents=None))
    assert response.status_code == 200
    assert "Please confirm that you may represent the organisation." in response.get_data(
        as_text=True
    )
    assert signatures() == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "N" * 201, "Field cannot be longer than 200 characters."),
        ("territory", "T" * 201, "Field cannot be longer than 200 characters."),
        ("website", "https://example.org/" + "w" * 290, "Field cannot be longer than 300"),
        ("description", "D" * 1001, "Field cannot be longer than 1000 characters."),
        ("website", "javascript:alert(1)", "must be an http:// or https:// address"),
        ("website", "ftp://example.org", "must be an http:// or https:// address"),
        ("website", "http://[::1", "The website address is not valid."),
        ("website", "https://exa mple.org", "The website address is not valid."),
        ("name", "", "The name is missing."),
        ("name", "!!!", "The name must contain letters or digits."),
        ("kind", "castle", "Not a valid choice"),
        ("region", "", "Choose the region."),
        ("organisation", "abc", "Invalid Choice: could not coerce"),
        ("organisation", "99999", "Not a valid choice"),
    ],
)
def test_bad_organisation_fields_are_form_errors(client, login_as, field, value, message):
    login_as("member", locale="en")
    response = client.post("/charter/sign/organisation", data=organisation_form(**{field: value}))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert signatures() == []


def test_the_same_person_cannot_sign_twice_for_an_organisation(client, login_as):
    login_as("member")
    client.post("/charter/sign/organisation", data=organisation_form())
    # Typing the same name (accents and case aside) designates the same organisation.
    response = client.post(
        "/charter/sign/organisation", data=organisation_form(name="ENERGIES du bocage")
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "You have already signed version 1 of the charter for Énergies du Bocage" in page
    assert "waiting for validation" in page
    assert len(signatures()) == 1


def test_a_validated_signer_cannot_sign_again_for_the_same_version(client, login_as):
    member = login_as("member")
    ally = factories.ally(name="Grande-Synthe", signer=member)
    response = client.post(
        "/charter/sign/organisation", data=organisation_form(organisation=str(ally.id))
    )
    assert (
        "You have already signed version 1 of the charter for Grande-Synthe."
        in response.get_data(as_text=True)
    )
    assert len(signatures()) == 1


# --- what works ---------------------------------------------------------------


def test_member_signs_in_their_own_name_and_becomes_an_ally(client, login_as, app):
    from portal.accounts.models import User
    from portal.alliance.services import is_ally
    from portal.core.extensions import db

    member = login_as("member", locale="en")
    response = client.post("/charter/sign", data={"commitment": "y"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You are now an ally" in page
    assert "You signed version 1 of the charter on" in page
    [signature] = signatures(signer_id=member.id)
    assert (signature.status, signature.organisation_id, signature.charter_version) == (
        "validated",
        None,
        1,
    )
    with app.app_context():
        assert is_ally(db.session.get(User, member.id))


def test_member_signs_for_a_new_organisation_which_waits_for_validation(client, login_as):
    from portal.alliance.models import Organisation

    member = login_as("member", locale="en")
    response = client.post(
        "/charter/sign/organisation",
        data=organisation_form(website="energies-bocage.example.org"),
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "is waiting for validation by the coordination team" in page
    [signature] = signatures()
    assert signature.status == "pending"
    assert signature.signer_id == member.id
    assert signature.represents_organisation
    assert count(Organisation) == 1
    assert "Énergies du Bocage" not in client.get("/allies").get_data(as_text=True)
    assert client.get("/allies/energies-du-bocage").status_code == 404


def test_member_signs_for_an_organisation_already_in_the_list(client, login_as):
    ally = factories.ally(name="Malaunay", kind="collectivite", region="normandie", version=1)
    login_as("member")
    response = client.get(f"/charter/sign/organisation?organisation={ally.id}")
    assert f'<option selected value="{ally.id}">Malaunay</option>' in response.get_data(
        as_text=True
    )


def test_signing_again_after_a_withdrawal_reuses_the_row(client, login_as):
    member = login_as("member")
    client.post("/charter/sign", data={"commitment": "y"})
    [signature] = signatures()
    client.post(f"/signatures/{signature.id}/withdraw")
    assert signatures()[0].status == "withdrawn"
    client.post("/charter/sign", data={"commitment": "y"})
    [again] = signatures()
    assert (again.id, again.status, again.withdrawn_at) == (signature.id, "validated", None)
    assert again.signer_id == member.id


def test_member_cannot_withdraw_someone_elses_signature(client, login_as):
    other = factories.user()
    signature = factories.signature(signer=other)
    login_as("member")
    assert client.post(f"/signatures/{signature.id}/withdraw").status_code == 403
    assert signatures()[0].status == "validated"
    assert client.post("/signatures/999999/withdraw").status_code == 404


def test_administrator_withdraws_an_organisation_from_its_page(client, login_as):
    ally = factories.ally(name="Le Mené", kind="collectivite", region="bretagne")
    login_as("admin")
    [signature] = signatures()
    response = client.post(f"/signatures/{signature.id}/withdraw", data={"next": "/allies/le-mene"})
    assert response.headers["Location"] == "/allies/le-mene"
    assert signatures()[0].status == "withdrawn"
    assert ally.name not in client.get("/allies").get_data(as_text=True)
