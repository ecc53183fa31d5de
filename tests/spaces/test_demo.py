"""The demo spaces of `flask portal seed-demo`."""

from __future__ import annotations

from sqlalchemy import select

from portal.core.extensions import db


def test_seed_demo_creates_the_cohort_and_the_communities_once(app, runner):
    from portal.accounts.models import User
    from portal.accounts.passwords import verify_password
    from portal.spaces.models import Invitation, Membership, Space
    from portal.spaces.services import role_in

    first = runner.invoke(args=["portal", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Space Territoires pilotes 2027: created" in first.output
    second = runner.invoke(args=["portal", "seed-demo"])
    assert "Space Territoires pilotes 2027: already there, 0 people added." in second.output
    with app.app_context():
        spaces = {s.slug: s for s in db.session.scalars(select(Space))}
        assert {"territoires-pilotes-2027", "mise-en-recit", "fabriques-locales"} <= set(spaces)
        cohort = spaces["territoires-pilotes-2027"]
        assert cohort.is_cohort and cohort.starts_on < cohort.ends_on
        assert spaces["mise-en-recit"].title == "Mise en récit"
        assert spaces["fabriques-locales"].is_community
        users = {u.email: u for u in db.session.scalars(select(User))}
        claire = users["facilitatrice@example.org"]
        assert claire.is_confirmed and verify_password(claire.password_hash, "maillage-demo")
        assert role_in(claire.id, cohort.id) == "facilitator"
        assert role_in(users["membre@example.org"].id, cohort.id) == "member"
        facilitators = db.session.scalars(
            select(Membership).where(
                Membership.space_id == cohort.id, Membership.role == "facilitator"
            )
        ).all()
        assert len(facilitators) >= 2
        accepted = db.session.scalars(
            select(Invitation).where(Invitation.space_id == cohort.id)
        ).all()
        assert accepted and all(i.is_accepted for i in accepted)


def test_the_demo_spaces_come_with_sessions_and_materials(app, runner, viewer):
    from portal.accounts.services import find_user_by_email

    runner.invoke(args=["portal", "seed-demo"])
    with app.app_context():
        member = find_user_by_email("membre@example.org")
        db.session.expunge(member)
    client = viewer(member)
    cohort = client.get("/spaces/territoires-pilotes-2027").get_data(as_text=True)
    assert cohort.count('href="/meetings/') >= 3
    assert 'href="/materials/' in cohort
    assert 'href="/materials/' in client.get("/spaces/mise-en-recit").get_data(as_text=True)
    listing = client.get("/spaces").get_data(as_text=True)
    assert "Territoires pilotes 2027" in listing and "Fabriques locales" in listing
