"""Shared people and experiences of the experiences tests."""

import pytest

from tests import factories


@pytest.fixture
def people():
    """One user per viewpoint around one ally organisation.

    Keys: "anonymous" (None), "ally" (signed in, another organisation), "author"
    (a member of the organisation), "signatory" (signed the charter for it), "admin";
    plus "organisation".
    """
    signatory = factories.user()
    organisation = factories.ally(name="Commune de Malaunay", signer=signatory, region="normandie")
    other = factories.ally(name="Ville de Grande-Synthe")
    return {
        "anonymous": None,
        "ally": factories.user(organisation_id=other.id),
        "author": factories.user(organisation_id=organisation.id),
        "signatory": signatory,
        "admin": factories.user(role="admin"),
        "organisation": organisation,
        "other_organisation": other,
    }


@pytest.fixture
def draft(people):
    """A complete draft of the organisation, by its author."""
    return factories.experience(people["organisation"], author=people["author"], status="draft")


@pytest.fixture
def published(people):
    """A published experience for all allies."""
    return factories.experience(people["organisation"], author=people["author"])


@pytest.fixture
def public(people):
    """A published experience for everyone."""
    return factories.experience(
        people["organisation"], author=people["author"], visibility="public"
    )
