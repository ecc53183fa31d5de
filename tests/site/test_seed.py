"""`flask portal seed-demo`: a demo that can be seeded again without changing anything."""

from sqlalchemy import select

from portal.core.db import Base

DEMO_TOWNS = {
    "loos-en-gohelle": ("collectivite", "hauts-de-france"),
    "malaunay": ("collectivite", "normandie"),
    "le-mene": ("collectivite", "bretagne"),
    "grande-synthe": ("collectivite", "hauts-de-france"),
}


def snapshot(app) -> dict:
    """Every row of every table, as plain tuples (timestamps included)."""
    from portal.core.extensions import db

    with app.app_context():
        return {
            table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
            for table in Base.metadata.sorted_tables
        }


def test_seed_demo_is_idempotent(app, runner):
    first = runner.invoke(args=["portal", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Allies: 33 created, 0 updated, 0 unchanged." in first.output
    assert "Account admin@example.org (admin): created." in first.output
    before = snapshot(app)
    second = runner.invoke(args=["portal", "seed-demo"])
    assert second.exit_code == 0, second.output
    assert "Allies: 0 created, 0 updated, 33 unchanged." in second.output
    assert "already there" in second.output
    assert snapshot(app) == before


def test_seed_demo_gives_allies_accounts_and_a_pending_signature(app, runner, client):
    from portal.accounts.models import User
    from portal.accounts.passwords import verify_password
    from portal.alliance.models import Organisation, Signature
    from portal.core.extensions import db

    runner.invoke(args=["portal", "seed-demo"])
    with app.app_context():
        organisations = {o.slug: o for o in db.session.scalars(select(Organisation))}
        for slug, (kind, region) in DEMO_TOWNS.items():
            assert (organisations[slug].kind, organisations[slug].region) == (kind, region)
        assert len({o.kind for o in organisations.values()}) == 9
        assert len({o.region for o in organisations.values()}) >= 15
        statuses = [s.status for s in db.session.scalars(select(Signature))]
        assert statuses.count("pending") == 1
        # The 33 imported allies, the organisation the demo member signed for (the
        # assembly's demo) and the second demo account, an ally in their own name.
        assert statuses.count("validated") == 35
        users = {u.email: u for u in db.session.scalars(select(User))}
        assert users["admin@example.org"].is_admin
        assert not users["membre@example.org"].is_admin
        for user in users.values():
            assert user.is_confirmed
            assert verify_password(user.password_hash, "maillage-demo")
    assert "34 organisations found" in client.get(
        "/allies", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)


def test_the_demo_bilan_2025_counts_a_past_year(app, runner):
    from sqlalchemy import select

    from portal.core.extensions import db
    from portal.reports.models import ReportVersion

    result = runner.invoke(args=["portal", "seed-demo"])
    assert "Demo history: 33 allies signed 2021–2025" in result.output
    with app.app_context():
        figures = db.session.scalar(select(ReportVersion.figures))
    sections = figures["sections"]
    assert sections["allies"]["totals"]["allies"] == 33
    assert sections["activity"]["totals"]["sessions"] == 3
    assert sections["experiences"]["totals"]["published"] > 0
    assert sections["forums"]["totals"]["threads"] > 0
