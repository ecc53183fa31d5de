"""Hard bounces stop optional mail (not password resets); the daily cap stops floods."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.emails import send_reset
from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.bounces import bounce_of, is_bouncing, record_hard_bounce, reset_bounces
from portal.notifications.delivery import SUPPRESSED, deliver_due
from portal.notifications.guards import blocked_reason
from portal.notifications.models import OutboxEmail, OutboxStatus
from portal.notifications.preferences import Category
from portal.notifications.services import enqueue, enqueue_for_user, unique_key
from tests import factories


def notice(user, key=None):
    """An optional email (a mention notice) to `user`; None when nothing was written."""
    return enqueue_for_user(
        user,
        category=Category.MENTIONS,
        template="notifications/test",
        subject="Mention",
        dedupe_key=key or unique_key("mention"),
    )


def statuses(address):
    db.session.expire_all()
    return [
        row.status
        for row in db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.recipient == address).order_by(OutboxEmail.id)
        )
    ]


def test_bounces_are_counted_per_address_whatever_its_case(app):
    with app.app_context():
        now = utcnow()
        for address in ("Gone@example.org", "gone@example.org", "GONE@EXAMPLE.ORG"):
            record_hard_bounce(address, "550 no", now)
        db.session.commit()
        assert is_bouncing("gone@example.org")
        assert bounce_of("Gone@Example.org").hard_bounces == 3
        assert not is_bouncing("other@example.org")


def test_after_three_hard_bounces_optional_mail_stops_but_a_password_reset_goes(app, faulty_smtp):
    member = factories.user(email="gone@example.org")
    faulty_smtp.permanent = {"gone@example.org"}
    with app.app_context():
        user = db.session.get(User, member.id)
        now = utcnow() + timedelta(seconds=5)  # every email below is due
        for _ in range(2):
            notice(user)
            db.session.commit()
            deliver_due(now)
        # Written before the third bounce: withheld at send time once the limit is reached.
        notice(user, key="third")
        notice(user, key="late")
        db.session.commit()
        report = deliver_due(now)
        assert (report.bounced, report.suppressed) == (1, 1)
        assert statuses("gone@example.org")[-1] == OutboxStatus.CANCELLED
        late = db.session.scalar(select(OutboxEmail).where(OutboxEmail.dedupe_key == "late"))
        assert late.last_error == SUPPRESSED

        assert blocked_reason(user, now) == "bounced"
        assert notice(user) is None  # nothing written any more

        faulty_smtp.permanent.clear()  # the mailbox works again, but we do not know it yet
        send_reset(user)
        db.session.commit()
        assert deliver_due(now).sent == 1
    [message] = faulty_smtp.messages()
    assert "password" in message["Subject"].lower()


def test_a_reset_address_receives_optional_mail_again(app, faulty_smtp):
    member = factories.user(email="back@example.org")
    with app.app_context():
        now = utcnow() + timedelta(seconds=5)
        for _ in range(3):
            record_hard_bounce("back@example.org", "550 no", now)
        db.session.commit()
        user = db.session.get(User, member.id)
        assert notice(user) is None
        assert reset_bounces("back@example.org")
        db.session.commit()
        assert notice(user) is not None
        db.session.commit()
        assert deliver_due(now).sent == 1


def test_mail_to_non_members_is_suppressed_too_unless_essential(app, faulty_smtp):
    with app.app_context():
        now = utcnow() + timedelta(seconds=5)
        for _ in range(3):
            record_hard_bounce("list@example.org", "550 no", now)
        for essential in (False, True):
            enqueue(
                to="list@example.org",
                template="notifications/test",
                subject="Hi",
                dedupe_key=unique_key("x"),
                locale="en",
                is_essential=essential,
            )
        db.session.commit()
        report = deliver_due(now)
        assert (report.sent, report.suppressed) == (1, 1)


def test_the_21st_optional_email_of_a_day_is_not_written_but_essential_mail_is(app):
    member = factories.user()
    with app.app_context():
        user = db.session.get(User, member.id)
        now = utcnow()
        written = [notice(user) for _ in range(21)]
        db.session.commit()
        assert sum(email is not None for email in written) == 20
        assert written[-1] is None
        assert blocked_reason(user, now) == "daily-cap"
        send_reset(user)
        db.session.commit()
        assert db.session.scalar(
            select(OutboxEmail).where(OutboxEmail.template == "accounts/reset")
        )
        # A day later the cap is free again.
        assert blocked_reason(user, now + timedelta(days=1, seconds=1)) is None
