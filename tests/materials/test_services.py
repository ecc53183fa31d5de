"""What other domains call: the latest materials of a space, those of a session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.permissions import can_download_material
from portal.materials import services
from portal.materials.models import Material
from portal.meetings.models import Meeting
from portal.spaces.models import Space
from tests import factories

VIEWPOINTS = ("anonymous", "ally", "member", "other_facilitator", "facilitator", "admin")


def person(app, people, who):
    """The viewpoint's user attached to the current session (None for anonymous)."""
    from portal.accounts.models import User

    return db.session.get(User, people[who].id) if people[who] else None


@pytest.fixture
def populated(cohort, community):
    """A cohort with one material per audience, a session with two materials, and a
    community with one members-only material."""
    people = factories.space_people(cohort)
    session = factories.meeting(cohort, title="Séance 1")
    start = utcnow() - timedelta(days=10)
    for number, visibility in enumerate(("space", "allies", "public")):
        factories.material(
            cohort,
            title=f"cohort {visibility}",
            visibility=visibility,
            created_at=start + timedelta(days=number),
        )
    factories.material(cohort, title="session slides", meeting=session)
    factories.material(cohort, title="session link", meeting=session, url="https://e.org")
    factories.material(community, title="community space")
    return people, session


def test_visible_to_agrees_with_can_download_material_for_every_viewpoint(app, populated):
    people, _session = populated
    with app.test_request_context():
        materials = db.session.scalars(select(Material)).all()
        for who in VIEWPOINTS:
            user = person(app, people, who)
            listed = set(db.session.scalars(select(Material.id).where(services.visible_to(user))))
            allowed = {m.id for m in materials if can_download_material(user, m)}
            assert listed == allowed, who


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", ["cohort public"]),
        ("ally", ["cohort public", "cohort allies"]),
        ("other_facilitator", ["cohort public", "cohort allies"]),
        ("member", ["session link", "session slides", "cohort public", "cohort allies"]),
        ("admin", ["session link", "session slides", "cohort public", "cohort allies"]),
    ],
)
def test_latest_for_space_shows_what_the_user_may_see_newest_first(
    app, cohort, populated, who, expected
):
    people, _session = populated
    with app.test_request_context():
        space = db.session.get(Space, cohort.id)
        latest = services.latest_for_space(space, person(app, people, who), limit=4)
        assert [m.title for m in latest] == expected


def test_latest_for_space_is_one_query(app, cohort, populated, count_queries):
    people, _session = populated
    with app.test_request_context():
        space = db.session.get(Space, cohort.id)
        member = person(app, people, "member")
        with count_queries() as queries:
            latest = services.latest_for_space(space, member)
            [(m.posted_by.public_name, m.meeting and m.meeting.title) for m in latest]
        assert len(queries) == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", []),
        ("ally", []),
        ("member", ["session slides", "session link"]),
        ("facilitator", ["session slides", "session link"]),
    ],
)
def test_materials_for_meeting_follow_the_same_rule(app, populated, who, expected):
    people, session = populated
    with app.test_request_context():
        meeting = db.session.get(Meeting, session.id)
        found = services.materials_for_meeting(meeting, person(app, people, who))
        assert [m.title for m in found] == expected


def test_a_deleted_session_leaves_its_materials_in_the_space(app, cohort, populated):
    _people, session = populated
    with app.app_context():
        db.session.delete(db.session.get(Meeting, session.id))
        db.session.commit()
        slides = db.session.scalar(select(Material).where(Material.title == "session slides"))
        assert (slides.meeting_id, slides.space_id) == (None, cohort.id)


def test_the_service_refuses_what_the_forms_never_send(app, cohort, community):
    elsewhere = factories.meeting(community)
    poster = factories.user()
    with app.app_context():
        space = db.session.get(Space, cohort.id)
        meeting = db.session.get(Meeting, elsewhere.id)
        link = {"url": "https://example.org"}
        for fields, extra in [
            (services.MaterialFields(title="t", meeting=meeting), link),
            (services.MaterialFields(title="t", theme="astrology"), link),
            (services.MaterialFields(title="t"), {"url": "javascript:alert(1)"}),
            (services.MaterialFields(title="t"), {}),
        ]:
            with pytest.raises(ValueError):
                services.post_material(space, poster, fields, **extra)
        with pytest.raises(ValueError):
            services.post_material(None, poster, services.MaterialFields(title="t"), **link)
        db.session.rollback()
