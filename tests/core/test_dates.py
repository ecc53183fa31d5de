"""Memoised date filters (core/dates.py) write what Flask-Babel's own filters write."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import flask_babel
import pytest
from flask_babel import force_locale

from portal.core import dates

MOMENTS = [
    datetime(2027, 3, 28, 0, 30, tzinfo=UTC),  # the night of the spring change in Paris
    datetime(2027, 10, 31, 23, 59, tzinfo=UTC),
    datetime(2027, 12, 31, 23, 30),  # naive: read as UTC, as Flask-Babel does
    date(2027, 6, 1),
]


@pytest.mark.parametrize("value", MOMENTS)
@pytest.mark.parametrize("pattern", [None, "short", "long", "full", "d MMMM y"])
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_same_text_as_flask_babel(app, value, pattern, locale):
    with app.test_request_context("/"), force_locale(locale):
        assert dates.format_date(value, pattern) == flask_babel.format_date(value, pattern)
        if isinstance(value, datetime):
            assert dates.format_datetime(value, pattern) == flask_babel.format_datetime(
                value, pattern
            )


def test_reader_zone_is_part_of_the_key(app, monkeypatch):
    """23:30 UTC is the next day in Paris and still the same day in New York."""
    moment = datetime(2027, 1, 10, 23, 30, tzinfo=UTC)
    texts = []
    with app.test_request_context("/"), force_locale("en"):
        for name in ("Europe/Paris", "America/New_York"):
            monkeypatch.setattr(flask_babel, "get_timezone", lambda name=name: ZoneInfo(name))
            texts.append(dates.format_date(moment, "yyyy-MM-dd"))
    assert texts == ["2027-01-11", "2027-01-10"]


def test_templates_use_the_memoised_filters(app):
    assert app.jinja_env.filters["dateformat"] is dates.format_date
    assert app.jinja_env.filters["datetimeformat"] is dates.format_datetime
