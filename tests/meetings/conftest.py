"""Fixtures of the meetings tests: a cohort with its people, a session in it."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def cohort(app):
    """A cohort in Europe/Paris."""
    return factories.space(title="Cohorte test", kind="cohort", timezone="Europe/Paris")


def in_english(*users) -> None:
    """Pages and emails of these users in English, whatever the French catalog says."""
    from sqlalchemy import update

    from portal.accounts.models import User
    from portal.core.extensions import db

    with factories.context():
        ids = [u.id for u in users if u is not None]
        db.session.execute(update(User).where(User.id.in_(ids)).values(locale="en"))
        db.session.commit()
    for user in users:
        if user is not None:
            user.locale = "en"


@pytest.fixture
def people(cohort):
    """The six viewpoints around the cohort (see factories.space_people), reading English."""
    people = factories.space_people(cohort)
    in_english(*people.values())
    return people


@pytest.fixture
def session_next_week(cohort):
    """A session of the cohort next week, without capacity."""
    return factories.meeting(cohort, title="Atelier diagnostic", starts_in_days=7)


@pytest.fixture
def member_client(as_viewer, people):
    """A client logged in as the cohort's member."""
    return as_viewer(people["member"])


@pytest.fixture
def facilitator_client(as_viewer, people):
    """A client logged in as the cohort's facilitator."""
    return as_viewer(people["facilitator"])
