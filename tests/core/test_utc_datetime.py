"""Times are stored in UTC and read back aware, on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.site.models import ContactMessage


def new_message(**fields):
    return ContactMessage(name="N", email="n@example.org", topic="other", body="B", **fields)


def test_naive_datetime_is_refused(app):
    with app.app_context():
        db.session.add(new_message(created_at=datetime(2026, 3, 29, 2, 30)))
        with pytest.raises(StatementError, match="naive datetime refused"):
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(select(ContactMessage)) is None


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Paris")),  # just after DST starts
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Paris")),  # second 2:30
        datetime(2026, 1, 1, 23, 59, 59, 123456, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2026, 7, 14, 12, 0, tzinfo=UTC),
    ],
)
def test_aware_datetime_round_trips_as_utc(app, moment):
    with app.app_context():
        message = new_message(created_at=moment, handled_at=moment)
        db.session.add(message)
        db.session.commit()
        message_id = message.id
        db.session.expunge_all()  # read back from the database, not the identity map
        stored = db.session.get(ContactMessage, message_id)
        # Compare in UTC: Python never finds a folded local time equal across zones.
        assert stored.created_at == moment.astimezone(UTC)
        assert stored.created_at.utcoffset() == timedelta(0)
        assert stored.handled_at == moment.astimezone(UTC)


def test_the_second_half_hour_of_the_autumn_change_stays_distinct(app):
    paris = ZoneInfo("Europe/Paris")
    first = datetime(2026, 10, 25, 2, 30, fold=0, tzinfo=paris)
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=paris)
    with app.app_context():
        db.session.add_all([new_message(created_at=first), new_message(created_at=second)])
        db.session.commit()
        db.session.expunge_all()
        stored = list(db.session.scalars(select(ContactMessage.created_at).order_by("id")))
    assert stored == [
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    ]


def test_none_stays_none_and_defaults_are_aware(app):
    with app.app_context():
        message = new_message()
        db.session.add(message)
        db.session.commit()
        db.session.expunge_all()
        stored = db.session.scalar(select(ContactMessage))
        assert stored.handled_at is None
        assert stored.created_at.tzinfo is not None
        assert abs(utcnow() - stored.created_at) < timedelta(minutes=1)


def test_queries_compare_aware_values_correctly(app):
    paris = ZoneInfo("Europe/Paris")
    with app.app_context():
        db.session.add(new_message(created_at=datetime(2026, 6, 1, 12, 0, tzinfo=paris)))
        db.session.commit()
        # 11:00 Paris == 09:00 UTC: the message at 12:00 Paris (10:00 UTC) is after it.
        after = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
        before = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
        query = select(ContactMessage.id).where(ContactMessage.created_at > after)
        assert db.session.scalar(query) is not None
        query = select(ContactMessage.id).where(ContactMessage.created_at > before)
        assert db.session.scalar(query) is None
