"""Several people sign for one organisation: each is validated, the organisation stays one ally."""

from tests import factories
from tests.alliance.helpers import organisation_form, signatures


def _ally_signed_by(first):
    """An organisation listed through `first`'s validated signature."""
    return factories.ally(name="Grande-Synthe", kind="collectivite", signer=first)


def test_a_colleague_co_signs_for_an_ally_and_waits_for_validation(client, login_as):
    mayor = factories.user()
    ally = _ally_signed_by(mayor)
    officer = login_as("member", locale="en")
    response = client.post(
        "/charter/sign/organisation",
        data=organisation_form(organisation=str(ally.id)),
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Grande-Synthe has already signed the charter; your signature as a co-signatory" in page
    [first, second] = signatures(organisation_id=ally.id)
    assert (first.signer_id, first.status) == (mayor.id, "validated")
    assert (second.signer_id, second.status) == (officer.id, "pending")


def test_two_colleagues_of_a_new_organisation_both_wait_for_validation(
    client, login_as, login, app
):
    login_as("member")
    client.post("/charter/sign/organisation", data=organisation_form())
    colleague = factories.user()
    other = app.test_client()
    login(other, colleague)
    other.post("/charter/sign/organisation", data=organisation_form(name="ENERGIES du bocage"))
    rows = signatures()
    assert len({row.organisation_id for row in rows}) == 1
    assert [row.status for row in rows] == ["pending", "pending"]


def test_the_admin_queue_says_who_already_signed(client, login_as):
    mayor = factories.user(display_name="Mme la Maire")
    ally = _ally_signed_by(mayor)
    officer = factories.user(display_name="Chargé de mission")
    factories.signature(organisation=ally, signer=officer, status="pending")
    login_as("admin", locale="en")
    page = client.get("/admin/signatures").get_data(as_text=True)
    assert "Co-signatory: already signed by" in page
    assert "Mme la Maire" in page


def test_a_co_signatory_who_withdraws_leaves_the_organisation_listed(client, login_as):
    mayor = factories.user()
    ally = _ally_signed_by(mayor)
    officer = login_as("member", locale="en")
    mine = factories.signature(organisation=ally, signer=officer)
    response = client.post(f"/signatures/{mine.id}/withdraw")
    assert response.status_code == 302
    by_signer = {row.signer_id: row.status for row in signatures(organisation_id=ally.id)}
    assert by_signer == {mayor.id: "validated", officer.id: "withdrawn"}
    assert "Grande-Synthe" in client.get("/allies").get_data(as_text=True)


def test_an_administrator_withdraws_the_whole_organisation(client, login_as):
    mayor, officer = factories.user(), factories.user()
    ally = _ally_signed_by(mayor)
    factories.signature(organisation=ally, signer=officer)
    login_as("admin")
    [first, _second] = signatures(organisation_id=ally.id)
    page = client.get(f"/allies/{ally.slug}").get_data(as_text=True)
    assert 'name="scope" value="signatory"' in page
    client.post(f"/signatures/{first.id}/withdraw", data={"scope": "signatory"})
    assert {row.status for row in signatures(organisation_id=ally.id)} == {"withdrawn"}


def test_a_member_cannot_withdraw_the_whole_organisation(client, login_as):
    mayor = factories.user()
    ally = _ally_signed_by(mayor)
    officer = login_as("member")
    mine = factories.signature(organisation=ally, signer=officer)
    client.post(f"/signatures/{mine.id}/withdraw", data={"scope": "signatory"})
    by_signer = {row.signer_id: row.status for row in signatures(organisation_id=ally.id)}
    assert by_signer == {mayor.id: "validated", officer.id: "withdrawn"}


def test_the_charter_standing_shows_the_persons_own_co_signature(client, login_as):
    from portal.alliance.models import Signature
    from portal.alliance.services import charter_standing
    from portal.core.extensions import db

    officer = login_as("member")
    mayor = factories.user()
    ally = factories.organisation(name="Malaunay")
    factories.signature(organisation=ally, signer=officer)
    factories.signature(organisation=ally, signer=mayor)
    with factories.context():
        me = db.session.get(type(officer), officer.id)
        [standing] = charter_standing(me).organisations
        assert isinstance(standing.signature, Signature)
        assert standing.signature.signer_id == officer.id
        assert standing.needs_resign is False
