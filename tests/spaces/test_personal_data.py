"""What spaces hold about a person: in the export, and erased with the account."""

from __future__ import annotations

import json

from sqlalchemy import select

from portal.core.extensions import db
from portal.spaces.models import Invitation, Membership
from tests import factories
from tests.spaces.conftest import person


def test_the_export_lists_memberships_and_invitations(app, viewer):
    cohort = factories.space(title="Cohorte", kind="cohort")
    community = factories.space(title="Communauté", kind="community")
    member = person(email="me@example.org")
    factories.membership(cohort, member)
    factories.membership(community, member, role="facilitator")
    factories.invitation(cohort, "me@example.org", status="accepted", accepted_by_id=member.id)
    factories.invitation(community, "someone.else@example.org")
    body = viewer(member).get("/account/export").get_data(as_text=True)
    section = json.loads(body)["sections"]["memberships"]
    assert [(s["space"], s["kind"], s["role"]) for s in section["spaces"]] == [
        ("Cohorte", "cohort", "member"),
        ("Communauté", "community", "facilitator"),
    ]
    assert [(i["space"], i["status"]) for i in section["invitations"]] == [("Cohorte", "accepted")]
    assert "someone.else@example.org" not in body


def test_deleting_an_account_removes_its_memberships_and_revokes_its_invitations(app):
    cohort = factories.space(title="Cohorte", kind="cohort")
    other = factories.space(title="Autre", kind="cohort")
    leaving = factories.user(email="leaving@example.org")
    staying = factories.user(email="staying@example.org")
    factories.membership(cohort, leaving, role="facilitator")
    factories.membership(cohort, staying)
    factories.invitation(
        cohort, "leaving@example.org", status="accepted", accepted_by_id=leaving.id
    )
    factories.invitation(other, "leaving@example.org")
    factories.invitation(other, "staying@example.org")
    from portal.accounts.models import User
    from portal.accounts.personal import delete_account

    with app.app_context():
        delete_account(db.session.get(User, leaving.id))
        db.session.commit()
        members = db.session.scalars(select(Membership.user_id)).all()
        assert members == [staying.id]
        rows = db.session.scalars(select(Invitation)).all()
        emails = sorted(i.email for i in rows)
    assert "leaving@example.org" not in emails and "staying@example.org" in emails
    assert all(e.endswith("@invalid") for e in emails if not e.startswith("staying"))
    statuses = sorted((i.space_id == cohort.id, i.status) for i in rows if "@invalid" in i.email)
    assert statuses == [(False, "revoked"), (True, "accepted")]
