"""Fixtures of the vote's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def ctx(app):
    """An application context for service tests (the factories reuse it)."""
    with app.app_context():
        yield
