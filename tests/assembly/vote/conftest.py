"""Fixtures of the vote's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def ctx(app):
    """An application context for service tests (the factories reuse it), in English:
    the tests read the services' refusals in the language of the code."""
    from flask_babel import force_locale

    with app.app_context(), force_locale("en"):
        yield
