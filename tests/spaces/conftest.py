"""Fixtures of the spaces tests: English pages, forms without CSRF tokens (one test proves
tokens are enforced), and builders of a cohort with its people."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _forms_without_csrf(no_csrf):
    """Space forms are posted without tokens; `with_csrf` proves they are enforced."""


@pytest.fixture
def with_csrf(app, no_csrf):
    """Enforce CSRF tokens again for one test."""
    app.config["WTF_CSRF_ENABLED"] = True


@pytest.fixture
def client(app):
    """A test client whose browser asks for English pages."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def viewer(app, login):
    """`viewer(person)` -> a fresh client logged in as `person` (None: anonymous), in English.

    Accounts built by the factories read French by default; their pages follow the
    account's language, so these tests build English-speaking accounts (see `person`).
    """

    def _viewer(person):
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        if person is not None:
            login(client, person)
        return client

    return _viewer


@pytest.fixture
def cohort():
    """An active cohort."""
    return factories.space(title="Territoires pilotes", kind="cohort")


@pytest.fixture
def community():
    """An open learning community."""
    return factories.space(title="Mise en récit", kind="community")


def person(**fields):
    """A confirmed account that reads the portal in English."""
    fields.setdefault("locale", "en")
    return factories.user(**fields)
