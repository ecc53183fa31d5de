"""The charter text, versioned in the repository under portal/alliance/charter/.

`versions.toml` lists the published versions (number, date, one-line summary per
language); each version N has `vN.fr.md` and `vN.en.md`. The files are read once
per directory and cached: publishing a version is a deployment.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from portal.core.markdown import render_markdown

#: Where the charter lives; tests point it at a temporary directory.
CHARTER_DIR = Path(__file__).resolve().parent / "charter"
#: The language shown when the text does not exist in the reader's language.
FALLBACK_LOCALE = "fr"


class CharterError(RuntimeError):
    """The charter files are inconsistent (a deployment mistake, not user input)."""


@dataclass(frozen=True)
class CharterVersion:
    """One published version of the charter."""

    number: int
    published: date
    #: Locale -> one-line summary of what changed.
    summaries: dict[str, str] = field(default_factory=dict)
    #: Locale -> Markdown source.
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    def summary(self, locale: str) -> str:
        """The summary in `locale`, else in the fallback language."""
        return self.summaries.get(locale) or self.summaries.get(FALLBACK_LOCALE, "")

    def text(self, locale: str) -> str:
        """The Markdown source in `locale`, else in the fallback language."""
        return self.texts.get(locale) or self.texts[FALLBACK_LOCALE]

    def render(self, locale: str) -> Markup:
        """The text as sanitized HTML."""
        return render_markdown(self.text(locale))


def _read_version(directory: Path, entry: dict) -> CharterVersion:
    """Build one version from its versions.toml entry and its Markdown files."""
    try:
        number = int(entry["number"])
        published = entry["published"]
        summaries = {str(k): str(v) for k, v in dict(entry.get("summary", {})).items()}
    except (KeyError, TypeError, ValueError) as error:
        raise CharterError(f"bad entry in versions.toml: {entry!r}") from error
    if not isinstance(published, date):
        raise CharterError(f"version {number}: `published` must be a TOML date")
    texts = {
        path.name.split(".")[1]: path.read_text(encoding="utf-8")
        for path in sorted(directory.glob(f"v{number}.*.md"))
    }
    if FALLBACK_LOCALE not in texts:
        raise CharterError(f"version {number}: v{number}.{FALLBACK_LOCALE}.md is missing")
    return CharterVersion(number=number, published=published, summaries=summaries, texts=texts)


@lru_cache(maxsize=8)
def _load(directory: Path) -> tuple[CharterVersion, ...]:
    """Read every version of the charter in `directory`, oldest first."""
    with (directory / "versions.toml").open("rb") as handle:
        entries = tomllib.load(handle).get("version", [])
    versions = tuple(_read_version(directory, entry) for entry in entries)
    numbers = [v.number for v in versions]
    if not numbers or numbers != sorted(set(numbers)):
        raise CharterError("versions.toml must list at least one version, numbers increasing")
    return versions


def all_versions() -> tuple[CharterVersion, ...]:
    """Every published version, oldest first."""
    return _load(CHARTER_DIR)


def current_version() -> CharterVersion:
    """The version people sign today."""
    return all_versions()[-1]


def get_version(number: int) -> CharterVersion | None:
    """The version numbered `number`, or None."""
    return next((v for v in all_versions() if v.number == number), None)
