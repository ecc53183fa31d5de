"""Fixtures of the calls tests: a cohort with its facilitator, an open call, allies."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import factories


@dataclass
class Scene:
    """A cohort, its facilitator, an open call, an ally organisation and its signer."""

    cohort: object
    facilitator: object
    call: object
    organisation: object
    applicant: object
    colleague: object
    admin: object


@pytest.fixture
def scene(app) -> Scene:
    """The people around one open call."""
    cohort = factories.space(title="Territoires pilotes 2028", timezone="Europe/Paris")
    facilitator = factories.user(display_name="Claire Facilitatrice")
    factories.membership(cohort, facilitator, role="facilitator")
    organisation = factories.organisation(name="Commune du Mené")
    applicant = factories.user(display_name="Alex Candidat")
    colleague = factories.user(display_name="Sam Collègue")
    factories.signature(signer=applicant, organisation=organisation)
    # One signature per organisation and charter version: the colleague renewed it.
    factories.signature(signer=colleague, organisation=organisation, version=2)
    return Scene(
        cohort=cohort,
        facilitator=facilitator,
        call=factories.call_for(cohort),
        organisation=organisation,
        applicant=applicant,
        colleague=colleague,
        admin=factories.user(role="admin"),
    )


def fresh(model, obj):
    """`obj` loaded again in the current session."""
    from portal.core.extensions import db

    return db.session.get(model, obj.id)
