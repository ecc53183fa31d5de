"""Themes shared by experiences and materials: the admin-editable table and its defaults.

While the `themes` table is empty (a fresh install), the built-in list of
portal.materials.constants.THEMES applies; the first change an administrator
makes (or `seed_themes()`, run by seed-demo) writes that list into the table,
and from then on the table decides. Labels are read once per request.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, has_app_context
from flask_babel import force_locale, get_locale
from sqlalchemy import func, select

from portal.core.extensions import db
from portal.experiences.models import Theme

KEY_MAX = 40
LABEL_MAX = 80


@dataclass(frozen=True)
class ThemeInfo:
    """What lists need of a theme."""

    key: str
    label_fr: str
    label_en: str
    position: int
    is_active: bool
    id: int | None = None

    @property
    def label(self) -> str:
        """The label in the current language."""
        return self.label_fr if str(get_locale() or "fr").startswith("fr") else self.label_en


def builtin_themes() -> list[ThemeInfo]:
    """The default themes, labels in both languages (the materials' original list)."""
    from portal.materials.constants import THEMES

    infos = []
    for position, (key, label) in enumerate(THEMES.items(), start=1):
        with force_locale("fr"):
            label_fr = str(label)
        with force_locale("en"):
            label_en = str(label)
        infos.append(ThemeInfo(key, label_fr, label_en, position * 10, True))
    return infos


def _load() -> list[ThemeInfo]:
    """Every theme (active or not) by position: the table, or the defaults if it is empty."""
    rows = db.session.scalars(select(Theme).order_by(Theme.position, Theme.id)).all()
    if not rows:
        return builtin_themes()
    return [ThemeInfo(r.key, r.label_fr, r.label_en, r.position, r.is_active, r.id) for r in rows]


def all_themes() -> list[ThemeInfo]:
    """Every theme by position, read once per request (one query)."""
    if not has_app_context():
        return _load()
    if "_themes" not in g:
        g._themes = _load()
    return g._themes


def forget_cache() -> None:
    """Drop this request's copy after a change."""
    if has_app_context():
        g.pop("_themes", None)


def active_themes() -> list[ThemeInfo]:
    """The themes offered in forms and filters."""
    return [t for t in all_themes() if t.is_active]


def theme_choices() -> list[tuple[str, str]]:
    """(key, label) of every active theme, in display order."""
    return [(t.key, t.label) for t in active_themes()]


def theme_label(key: str | None) -> str:
    """The label of theme `key`, active or not ("" for none or an unknown key)."""
    for theme in all_themes():
        if theme.key == key:
            return theme.label
    return ""


def is_active_theme(key: str | None) -> bool:
    """Whether `key` may be chosen now."""
    return any(t.key == key for t in active_themes())


def seed_themes() -> int:
    """Write the default themes into an empty table; returns how many rows were added."""
    if db.session.scalar(select(func.count(Theme.id))):
        return 0
    for info in builtin_themes():
        db.session.add(
            Theme(
                key=info.key,
                label_fr=info.label_fr,
                label_en=info.label_en,
                position=info.position,
                is_active=True,
            )
        )
    db.session.flush()
    forget_cache()
    return len(builtin_themes())


def themes_by_keys(keys: list[str]) -> list[Theme]:
    """The Theme rows of `keys` (the defaults are written first if the table is empty)."""
    if not keys:
        return []
    seed_themes()
    return list(db.session.scalars(select(Theme).where(Theme.key.in_(keys))))


def add_theme(*, key: str, label_fr: str, label_en: str) -> Theme:
    """A new active theme at the end of the list; raises ValueError if the key is taken."""
    seed_themes()
    if db.session.scalar(select(Theme.id).where(Theme.key == key)) is not None:
        raise ValueError("key taken")
    last = db.session.scalar(select(func.max(Theme.position))) or 0
    theme = Theme(key=key, label_fr=label_fr, label_en=label_en, position=last + 10)
    db.session.add(theme)
    db.session.flush()
    forget_cache()
    return theme


def get_theme(key: str) -> Theme | None:
    """The row of theme `key` (the defaults are written first if the table is empty)."""
    seed_themes()
    return db.session.scalar(select(Theme).where(Theme.key == key))


def update_theme(theme: Theme, *, label_fr: str, label_en: str, is_active: bool) -> None:
    """New labels and activity for a theme; its key never changes (materials store it)."""
    theme.label_fr, theme.label_en, theme.is_active = label_fr, label_en, is_active
    db.session.flush()
    forget_cache()


def move_theme(theme: Theme, direction: str) -> None:
    """Swap a theme with its neighbour ("up" or "down"); positions are renumbered by tens."""
    rows = list(db.session.scalars(select(Theme).order_by(Theme.position, Theme.id)))
    index = rows.index(theme)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, start=1):
        row.position = position * 10
    db.session.flush()
    forget_cache()
