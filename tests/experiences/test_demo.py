"""The demo experiences: 20+ published write-ups by the demo allies, safe to run again."""

from sqlalchemy import func, select

from tests import factories


def test_the_demo_publishes_the_experiences_once(app):
    from portal.alliance.models import Organisation
    from portal.core.extensions import db
    from portal.experiences.demo import seed_experiences_demo
    from portal.experiences.demo_data import EXPERIENCES
    from portal.experiences.models import Experience
    from portal.experiences.similarity import similar_experiences

    for name in {entry["organisation"] for entry in EXPERIENCES}:
        factories.ally(name=name, region="hauts-de-france")
    factories.user(email="lea.martin@example.org")
    factories.user(email="admin@example.org", role="admin")
    with app.app_context():
        assert seed_experiences_demo() == [
            f"Experiences: {len(EXPERIENCES)} created, 0 already there."
        ]
        db.session.commit()
        assert seed_experiences_demo() == [
            f"Experiences: 0 created, {len(EXPERIENCES)} already there."
        ]
        db.session.commit()
        assert len(EXPERIENCES) >= 20
        published = db.session.scalars(select(Experience)).all()
        assert all(e.is_published and e.fundamentals and e.themes for e in published)
        assert all(e.discussion_thread_id is not None for e in published)
        assert db.session.scalar(select(func.count(Organisation.id))) >= 15
        solar = next(e for e in published if e.title.startswith("Toits solaires d'écoles"))
        reader = db.session.get(type(published[0].author), published[0].author_id)
        close = similar_experiences(solar, reader)
        assert close and all(e.organisation_id != solar.organisation_id for e in close)
        assert "energy" in {t.key for t in close[0].themes}


def test_the_demo_skips_organisations_that_are_missing(app):
    from portal.experiences.demo import seed_experiences_demo

    factories.user(email="lea.martin@example.org")
    with app.app_context():
        (line,) = seed_experiences_demo()
        assert line.startswith("Experiences: 0 created") and "skipped" in line
