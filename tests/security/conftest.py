"""Fixtures of the security suite: the world of objects and people, database snapshots."""

import pytest

from tests.security.world import build_world


@pytest.fixture
def world(app):
    """One of each object and a user per persona (see world.py)."""
    return build_world()


@pytest.fixture(autouse=True)
def published_report_source():
    """The open data serves a published report of the world's year: a stub source stands in
    while none is registered (the reports' published versions register the real one, and
    the world then needs a report published for World.args["year"])."""
    from datetime import UTC, datetime

    from portal.reports.opendata import registry

    if registry.has_report_source():
        yield
        return
    published_at = datetime(2026, 1, 15, tzinfo=UTC)
    registry.register_report_source(
        lambda year: ({"schema": 1, "year": year, "sections": {}}, 1, published_at),
        lambda: [],
    )
    yield
    registry.clear_report_source()
