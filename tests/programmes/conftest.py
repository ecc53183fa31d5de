"""Fixtures of the dispositifs tests: English pages, forms without CSRF tokens (the route
inventory's tests prove tokens are enforced), viewers, and calls opened at will."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _forms_without_csrf(no_csrf):
    """Forms are posted without tokens here."""


@pytest.fixture
def viewer(as_viewer):
    """`viewer(person)` -> a fresh English client logged in as `person` (None: anonymous)."""
    return as_viewer


@pytest.fixture
def open_calls(monkeypatch):
    """`open_calls(*spaces)`: those spaces have a call open now (the calls package's
    answer, replaced); returns the list of the space ids each call was asked about."""
    asked: list[set[int]] = []

    def _open(*spaces):
        opened = {s.id for s in spaces}

        def fake(space_ids, now):
            asked.append(set(space_ids))
            return {space_id: space_id for space_id in opened & set(space_ids)}

        monkeypatch.setattr("portal.programmes.services.open_calls_of_spaces", fake)
        return asked

    return _open


def ally(**fields):
    """A confirmed account with a validated signature of its own: an ally."""
    person = factories.user(**fields)
    factories.signature(signer=person)
    return person
