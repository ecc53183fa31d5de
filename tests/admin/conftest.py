"""Fixtures of the admin tests: forms without CSRF tokens."""

import pytest


@pytest.fixture(autouse=True)
def no_csrf(app):
    """Post forms without CSRF tokens (the alliance tests prove tokens are enforced)."""
    saved = app.config.get("WTF_CSRF_ENABLED", True)
    app.config["WTF_CSRF_ENABLED"] = False
    yield
    app.config["WTF_CSRF_ENABLED"] = saved
