"""The calls' demo: the 2028 edition's open call and the member's draft, run twice."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.programmes.calls.demo import seed_calls_demo
from portal.programmes.calls.models import Application, Call
from portal.spaces.models import Membership, Space
from tests import factories


def test_the_demo_opens_a_call_for_2028_with_the_members_draft_and_is_idempotent(app):
    """The edition comes from the spaces' demo; the calls' demo only finds it."""
    edition = factories.space(
        title="Territoires pilotes 2028",
        slug="territoires-pilotes-2028",
        starts_on=date(2028, 1, 15),
        ends_on=date(2028, 12, 15),
    )
    claire = factories.user(email="facilitatrice@example.org")
    factories.membership(edition, claire, role="facilitator")
    member = factories.user(email="membre@example.org")
    with app.app_context():
        seed_calls_demo()
        db.session.commit()
        seed_calls_demo()
        db.session.commit()
        space = db.session.scalar(select(Space).where(Space.slug == "territoires-pilotes-2028"))
        assert space.is_cohort and space.starts_on.year == 2028
        [call] = db.session.scalars(select(Call)).all()
        assert call.is_open_at(utcnow()) and 4 <= len(call.questions) <= 6
        [draft] = db.session.scalars(select(Application)).all()
        assert draft.is_draft and draft.applicant_id == member.id
        assert (
            db.session.scalar(
                select(func.count(Membership.id)).where(
                    Membership.space_id == space.id, Membership.user_id == claire.id
                )
            )
            == 1
        )
