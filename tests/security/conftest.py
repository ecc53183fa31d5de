"""Fixtures of the security suite: the world of objects and people, database snapshots."""

import pytest

from tests.security.world import build_world


@pytest.fixture
def world(app):
    """One of each object and a user per persona (see world.py)."""
    return build_world()
