"""Fixtures of the admin tests: forms without CSRF tokens."""

import pytest


@pytest.fixture(autouse=True)
def _forms_without_csrf(no_csrf):
    """Admin forms are posted without tokens; the alliance tests prove tokens are enforced."""
