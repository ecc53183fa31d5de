"""Accounts tests read pages in English, whatever the French catalog says."""

import pytest

from tests import factories


@pytest.fixture
def client(app):
    """A test client whose browser asks for English pages."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def member():
    """A confirmed member who reads the portal in English."""
    return factories.user(locale="en")


@pytest.fixture
def signed_in(client, login, member):
    """`member`, logged in on `client` (a real server-side login)."""
    login(client, member)
    return member
