"""What the alliance holds about a person: exported, and erased with the account."""

from tests import factories
from tests.alliance.helpers import signatures


def test_signatures_are_in_the_personal_data_export(app):
    from portal.accounts.models import User
    from portal.core.extensions import db
    from portal.core.personal_data import export_sections

    member = factories.user()
    factories.signature(signer=member)
    factories.ally(name="Malaunay", signer=member)
    with app.app_context():
        exported = export_sections(db.session.get(User, member.id))["signatures"]
    assert [(s["charter_version"], s["on_behalf_of"], s["status"]) for s in exported] == [
        (1, None, "validated"),
        (1, "Malaunay", "validated"),
    ]
    assert exported[0]["signed_at"].endswith("+00:00")


def test_account_deletion_withdraws_personal_signatures_but_keeps_organisation_ones(app, client):
    from portal.accounts.models import User
    from portal.accounts.personal import delete_account
    from portal.core.extensions import db

    member = factories.user(display_name="Claire Dupont")
    factories.signature(signer=member)
    ally = factories.ally(name="Malaunay", kind="collectivite", signer=member)
    with app.app_context():
        delete_account(db.session.get(User, member.id))
        db.session.commit()
    by_key = {s.signatory_key: s.status for s in signatures()}
    assert by_key == {f"person:{member.id}": "withdrawn", f"organisation:{ally.id}": "validated"}
    page = client.get("/allies/malaunay", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert "Former member" in html and "Claire Dupont" not in html
