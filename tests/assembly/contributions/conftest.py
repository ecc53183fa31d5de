"""The people of the contribution tests: the personas the issue lists."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests import factories


@pytest.fixture
def people(app):
    """An ally without signature, an individual signatory, two signatories of one
    organisation (the second through a later charter version), an administrator."""
    org = factories.organisation()
    first = factories.user(display_name="First signatory")
    second = factories.user(display_name="Second signatory")
    factories.signature(signer=first, organisation=org, version=1)
    factories.signature(signer=second, organisation=org, version=2)
    return SimpleNamespace(
        anonymous=None,
        unsigned=factories.user(display_name="Unsigned"),
        individual=factories.signed_ally(display_name="Individual"),
        org_signatory=first,
        second_signatory=second,
        admin=factories.user(role="admin", display_name="Admin"),
        organisation=org,
    )


@pytest.fixture
def consultation(app):
    """An edition whose consultation is open now."""
    return factories.assembly_edition(phase="consultation")
