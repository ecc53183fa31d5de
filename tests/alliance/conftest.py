"""Fixtures of the alliance tests: forms without CSRF tokens, a charter with two versions."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(autouse=True)
def _forms_without_csrf(no_csrf):
    """Alliance forms are posted without tokens; `with_csrf` proves tokens are enforced."""


@pytest.fixture
def with_csrf(app, no_csrf):
    """Enforce CSRF tokens again for one test."""
    app.config["WTF_CSRF_ENABLED"] = True


V2_SUMMARY = 'summary.fr = "Ajout d\'un engagement."\nsummary.en = "A new commitment."\n'


@pytest.fixture
def charter_v2(tmp_path, monkeypatch):
    """The repository's charter plus a version 2, as a publication would add it."""
    from portal.alliance import charter

    directory = tmp_path / "charter"
    shutil.copytree(charter.CHARTER_DIR, directory)
    for locale in ("fr", "en"):
        text = (directory / f"v1.{locale}.md").read_text(encoding="utf-8")
        (directory / f"v2.{locale}.md").write_text(text + "\n## Version 2\n", encoding="utf-8")
    with (directory / "versions.toml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n[[version]]\nnumber = 2\npublished = 2027-03-01\n{V2_SUMMARY}")
    monkeypatch.setattr(charter, "CHARTER_DIR", directory)
    return charter.current_version()
