"""The rules of spaces, called as views, the CLI and workers call them (no request)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.core.extensions import db
from portal.spaces import services
from portal.spaces.models import Membership, Space
from tests import factories
from tests.spaces.conftest import person


def fields(**overrides) -> dict:
    """Valid space fields, as the form gives them."""
    values = {
        "title": "Territoires pilotes 2027",
        "description": "Un **programme** d'un an.",
        "kind": "cohort",
        "timezone": "Europe/Paris",
        "starts_on": date(2027, 1, 18),
        "ends_on": date(2027, 12, 10),
        "cover_colour": "#005f73",
    }
    values.update(overrides)
    return values


def test_a_cohort_needs_both_dates_and_cannot_end_before_it_starts(app):
    admin = factories.user(role="admin")
    with app.app_context():
        with pytest.raises(services.SpaceRuleError):
            services.create_space(admin, **fields(ends_on=None))
        with pytest.raises(services.SpaceRuleError):
            services.create_space(admin, **fields(ends_on=date(2026, 12, 31)))
        one_day = services.create_space(admin, **fields(ends_on=date(2027, 1, 18)))
        assert one_day.starts_on == one_day.ends_on


def test_a_community_keeps_no_dates(app):
    with app.app_context():
        space = services.create_space(None, **fields(kind="community", title="Mise en récit"))
        assert space.starts_on is None and space.ends_on is None
        assert space.is_community and space.slug == "mise-en-recit"


def test_slugs_come_from_the_title_and_get_a_suffix_on_clashes(app):
    with app.app_context():
        slugs = [services.create_space(None, **fields()).slug for _ in range(3)]
        assert slugs == [
            "territoires-pilotes-2027",
            "territoires-pilotes-2027-2",
            "territoires-pilotes-2027-3",
        ]
        # A family prefix is not a clash, and punctuation-only titles still get a slug.
        assert services.create_space(None, **fields(title="Territoires")).slug == "territoires"
        assert services.create_space(None, **fields(title="!!!")).slug == "space"


def test_slugs_never_take_the_name_of_a_page(app):
    with app.app_context():
        assert services.create_space(None, **fields(title="New")).slug == "new-2"
        assert services.create_space(None, **fields(title="Manage")).slug == "manage-2"


def test_editing_keeps_the_slug_so_shared_links_keep_working(app):
    space = factories.space(title="Ancien titre")
    with app.app_context():
        stored = db.session.get(Space, space.id)
        services.update_space(stored, **fields(title="Nouveau titre"))
        assert (stored.title, stored.slug) == ("Nouveau titre", "ancien-titre")


def test_an_archived_space_is_read_only(app):
    space = factories.space()
    someone = factories.user()
    with app.app_context():
        stored = db.session.get(Space, space.id)
        assert services.archive_space(stored) is True
        assert services.archive_space(stored) is False
        with pytest.raises(services.SpaceRuleError):
            services.update_space(stored, **fields())
        with pytest.raises(services.SpaceRuleError):
            services.appoint_facilitator(stored, someone)
        assert services.restore_space(stored) is True
        services.update_space(stored, **fields())


def test_appointing_a_facilitator_adds_them_or_promotes_a_member(app):
    space = factories.space()
    newcomer, member = factories.user(), factories.user()
    factories.membership(space, member)
    with app.app_context():
        stored = db.session.get(Space, space.id)
        assert services.appoint_facilitator(stored, newcomer) is True
        assert services.appoint_facilitator(stored, member) is True
        assert services.appoint_facilitator(stored, member) is False
        assert services.role_in(newcomer.id, space.id) == "facilitator"
        assert services.role_in(member.id, space.id) == "facilitator"


def test_a_removed_facilitator_stays_as_a_member(app):
    space = factories.space()
    facilitator, member = factories.user(), factories.user()
    factories.membership(space, facilitator, role="facilitator")
    factories.membership(space, member)
    with app.app_context():
        stored = db.session.get(Space, space.id)
        assert services.remove_facilitator(stored, facilitator) is True
        assert services.remove_facilitator(stored, member) is False
        assert services.role_in(facilitator.id, space.id) == "member"


def test_members_join_and_leave_communities_but_never_cohorts_that_way(app):
    community = factories.space(kind="community")
    cohort = factories.space(kind="cohort")
    member = factories.user()
    with app.app_context():
        stored = db.session.get(Space, community.id)
        assert services.join(stored, member) is True
        assert services.join(stored, member) is False
        assert services.leave(stored, member) is True
        assert services.leave(stored, member) is False
        with pytest.raises(services.SpaceRuleError):
            services.join(db.session.get(Space, cohort.id), member)


def test_joining_twice_at_once_leaves_one_membership(app):
    community = factories.space(kind="community")
    member = factories.user()
    factories.membership(community, member)
    with app.app_context():
        stored = db.session.get(Space, community.id)
        # The twin insert fails on the unique constraint inside its savepoint: no error.
        services._add_member(stored, member, "member")
        db.session.commit()
        rows = db.session.scalars(select(Membership).where(Membership.space_id == community.id))
        assert len(list(rows)) == 1


def test_cover_colours_outside_the_palette_fall_back_to_green():
    assert Space(cover_colour="#123456").cover_key == "forest"
    assert Space(cover_colour="#8c2155").cover_key == "raspberry"


def test_role_lookups_are_cached_per_request(app, count_queries):
    from portal.core.permissions import is_facilitator, is_space_member, space_role

    space = factories.space()
    member = person()
    factories.membership(space, member)
    with app.test_request_context():
        from portal.accounts.models import User

        user = db.session.get(User, member.id)
        stored = db.session.get(Space, space.id)
        with count_queries() as queries:
            assert space_role(user, stored) == "member"
            assert is_space_member(user, stored) and not is_facilitator(user, stored)
        assert len(queries) == 1


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Un\n\n## Deux", "<h3>Un</h3>\n<h4>Deux</h4>"),
        ("## Un\n\n### Deux", "<h3>Un</h3>\n<h4>Deux</h4>"),
        ("#### Un", "<h4>Un</h4>"),
        ("Pas de titre", "<p>Pas de titre</p>"),
    ],
)
def test_descriptions_start_their_headings_below_the_page_section(source, expected):
    from portal.spaces.display import space_description

    assert str(space_description(source, 3)).strip() == expected


def test_every_space_question_answers_no_for_anonymous_visitors(app):
    from flask_login import AnonymousUserMixin

    from portal.core import permissions
    from portal.spaces.models import Invitation

    space = Space(kind="community", cover_colour="#1f6b45")
    cohort = Space(kind="cohort", cover_colour="#1f6b45")
    invitation = Invitation(email="someone@example.org")
    questions = (
        "can_edit_space",
        "can_appoint_facilitators",
        "can_archive_space",
        "can_see_invitations",
        "can_invite_to_space",
        "can_leave_space",
        "can_join_space",
        "can_see_space",
        "can_see_space_members",
        "can_manage_space",
    )
    with app.test_request_context():
        for visitor in (None, AnonymousUserMixin()):
            for name in questions:
                for target in (space, cohort):
                    assert getattr(permissions, name)(visitor, target) is False, name
            assert permissions.can_restore_space(visitor, space) is False
            assert permissions.can_accept_invitation(visitor, invitation) is False
