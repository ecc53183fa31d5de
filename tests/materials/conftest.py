"""Fixtures of the materials tests: a cohort and a community with their people, the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories


@pytest.fixture
def cohort():
    """A cohort (closed: its members only)."""
    return factories.space(title=f"Territoires pilotes {factories.next_number()}")


@pytest.fixture
def community():
    """A learning community (any ally may look in, members post)."""
    return factories.space(title=f"Mise en récit {factories.next_number()}", kind="community")


@pytest.fixture
def stored_files(app):
    """`stored_files()` -> the set of files under UPLOAD_ROOT/materials right now."""

    def _files() -> set[Path]:
        folder = Path(app.config["UPLOAD_ROOT"]) / "materials"
        return {p for p in folder.iterdir() if p.is_file()} if folder.exists() else set()

    return _files


@pytest.fixture
def english(login):
    """`english(space, role)` -> an English-speaking user with `role` in `space` (messages)."""

    def _english(space, role: str = "facilitator"):
        person = factories.user(locale="en")
        factories.membership(space, person, role=role)
        return person

    return _english
