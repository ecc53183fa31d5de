"""The site tests check language selection itself, so their browser states no language
unless a test sets one."""

import pytest


@pytest.fixture
def client(app):
    """A test client that sends no Accept-Language header."""
    return app.test_client()
