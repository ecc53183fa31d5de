"""Date formatting for pages, memoised: the same dates are formatted on every request.

A list page formats a date or two per item with Babel, which parses the locale's
patterns and converts the zone each time: on the agenda and the experiences list this
was a fifth of the rendering time (bench/profile.py, issue 6). The formatted text only
depends on the value, the pattern, the language and the reader's zone, all hashable,
so a bounded per-process cache answers repeated dates without Babel. Nothing is shared
between processes and nothing is stale: the key holds everything the text depends on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache

import flask_babel
from babel import dates as babel_dates
from flask import Flask

#: Distinct (value, pattern, language, zone) kept per process: a few MB at most.
CACHE_SIZE = 16384


@lru_cache(maxsize=CACHE_SIZE)
def _formatted(kind: str, value: date, pattern: str, locale: str, zone: str | None) -> str:
    """The text of `value`; a pure function of its arguments (Flask-Babel's rules)."""
    if isinstance(value, datetime) and zone is not None:
        # As flask_babel.to_user_timezone: a naive value is UTC.
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        value = aware.astimezone(babel_dates.get_timezone(zone))
    if kind == "date":
        return babel_dates.format_date(value, pattern, locale=locale)
    return babel_dates.format_datetime(value, pattern, locale=locale)


def _key_parts(kind: str, value, pattern, rebase: bool) -> tuple:
    """What the text depends on (the reader's zone only when the value is rebased)."""
    resolved = flask_babel._get_format(kind, pattern)  # "medium" → the app's pattern
    zone = str(flask_babel.get_timezone()) if rebase else None
    return kind, value, resolved, str(flask_babel.get_locale()), zone


def format_date(value=None, format=None, rebase=True) -> str:  # noqa: A002 - Flask-Babel's signature
    """flask_babel.format_date, memoised (the `dateformat` filter)."""
    if value is None:
        return flask_babel.format_date(value, format, rebase)
    return _formatted(*_key_parts("date", value, format, rebase and isinstance(value, datetime)))


def format_datetime(value=None, format=None, rebase=True) -> str:  # noqa: A002
    """flask_babel.format_datetime, memoised (the `datetimeformat` filter)."""
    if value is None or not rebase:
        return flask_babel.format_datetime(value, format, rebase)
    return _formatted(*_key_parts("datetime", value, format, rebase))


def init_dates(app: Flask) -> None:
    """Serve the templates' date filters from the memoised formatters."""
    app.jinja_env.filters["dateformat"] = format_date
    app.jinja_env.filters["datetimeformat"] = format_datetime
