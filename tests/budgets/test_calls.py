"""Budgets of the calls' pages: the reviewers' applications table and the call page."""

from __future__ import annotations

import pytest

from portal.programmes.calls.models import Application, Review
from portal.programmes.calls.queries import PER_PAGE
from tests import factories
from tests.budgets.helpers import Page, add_rows, more_than_a_page, people


def many_applications(world):
    """Pages of submitted applications, each by another person for another organisation,
    each with reviews by other reviewers; some decided."""
    from portal.core.db import utcnow

    call_id = world.args["call_id"]
    applicants = people(more_than_a_page(PER_PAGE))
    reviewers = [factories.user() for _ in range(3)]
    now = utcnow()
    states = ("submitted", "accepted", "waitlisted", "declined")
    rows = [
        Application(
            call_id=call_id,
            applicant_id=person.id,
            organisation_id=person.organisation_id,
            state=states[n % 4],
            answers={},
            territory=f"Territoire {n}",
            submitted_at=now,
            created_at=now,
            updated_at=now,
        )
        for n, person in enumerate(applicants)
    ]
    from portal.core.extensions import db

    with factories.context():
        db.session.add_all(rows)
        db.session.flush()
        ids = [a.id for a in rows]
        db.session.commit()
    add_rows(
        [
            Review(application_id=i, reviewer_id=r.id, score=1 + (i + r.id) % 5)
            for i in ids
            for r in reviewers
        ]
    )


def more_applications_of_the_member(world):
    """The call page lists the reader's applications: the member applies for organisations."""
    member = world.people["member"]
    for _ in range(5):
        organisation = factories.organisation()
        factories.signature(signer=member, organisation=organisation)
        factories.application(
            type("Call", (), {"id": world.args["call_id"]}), member, organisation=organisation
        )


PAGES = {
    "calls.applications": Page("f", "/appels/{call_id}/candidatures", many_applications, 7),
    "calls.applications (filtered)": Page(
        "f",
        "/appels/{call_id}/candidatures?state=submitted&reviewed_by_me=no&kind=association",
        many_applications,
        7,
    ),
    "calls.export": Page("f", "/appels/{call_id}/candidatures.csv", many_applications, 6),
    "calls.show": Page("m", "/appels/{call_id}", more_applications_of_the_member, 7),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_keeps_its_query_budget(check_page, name):
    check_page(name, PAGES[name])
