"""The outbox: written once, in the action's transaction, delivered over real SMTP."""

from datetime import timedelta

from sqlalchemy import func, select

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.notifications.models import OutboxEmail, OutboxStatus
from portal.notifications.services import (
    LEASE,
    RETRY_DELAYS,
    claim_due,
    deliver_due,
    enqueue,
    unique_key,
)
from tests.services import free_port


def queue_test_email(key="test:1", to="ally@example.org", locale="en"):
    """Enqueue the test email template."""
    return enqueue(
        to=to, template="notifications/test", subject="Test", dedupe_key=key, locale=locale
    )


def count_rows():
    return db.session.scalar(select(func.count()).select_from(OutboxEmail))


def test_the_same_dedupe_key_is_written_once(app):
    with app.app_context():
        assert queue_test_email() is not None
        assert queue_test_email() is None
        db.session.commit()
        assert queue_test_email() is None
        assert count_rows() == 1


def test_a_rolled_back_action_writes_no_email(app):
    with app.app_context():
        queue_test_email()
        db.session.rollback()
        assert count_rows() == 0


def test_email_has_text_and_html_parts_rendered_at_enqueue(app):
    with app.app_context():
        email = queue_test_email()
        db.session.commit()
        assert "mail settings work" in email.body_text
        assert "<html" in email.body_html and "mail settings work" in email.body_html
        assert email.status == OutboxStatus.PENDING


def test_delivery_goes_through_a_real_smtp_conversation(app, smtp_server):
    with app.app_context():
        queue_test_email(key="a")
        queue_test_email(key="b", to="other@example.org")
        db.session.commit()
        report = deliver_due()
        assert report.sent == 2
        statuses = set(db.session.scalars(select(OutboxEmail.status)))
        assert statuses == {OutboxStatus.SENT}
    messages = smtp_server.messages()
    assert sorted(m["To"] for m in messages) == ["ally@example.org", "other@example.org"]
    message = messages[0]
    assert message.get_body(("plain",)) is not None
    assert message.get_body(("html",)) is not None


def test_without_mail_server_messages_are_written_as_eml_files(app, tmp_path):
    app.config["MAIL_FILE_DIR"] = str(tmp_path)
    with app.app_context():
        queue_test_email(key="file:1")
        db.session.commit()
        assert deliver_due().sent == 1
    files = list(tmp_path.glob("*.eml"))
    assert len(files) == 1
    assert b"ally@example.org" in files[0].read_bytes()


def test_an_unreachable_smtp_server_schedules_a_retry_with_backoff(app):
    from portal.core.extensions import mail

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    mail.init_app(app)
    try:
        with app.app_context():
            queue_test_email()
            db.session.commit()
            now = utcnow()
            report = deliver_due(now)
            email = db.session.scalar(select(OutboxEmail))
            assert report.retried == 1
            assert email.status == OutboxStatus.PENDING
            assert email.attempts == 1
            assert email.next_attempt_at == now + RETRY_DELAYS[0]
            assert "connection" in email.last_error
            # Not due again before its backoff.
            assert deliver_due(now + timedelta(seconds=30)).retried == 0
    finally:
        app.config.update(MAIL_SERVER=None, MAIL_PORT=25)
        mail.init_app(app)


def test_after_the_last_attempt_the_email_is_marked_failed(app):
    from portal.core.extensions import mail

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    mail.init_app(app)
    try:
        with app.app_context():
            queue_test_email()
            db.session.commit()
            now = utcnow()
            for _ in range(len(RETRY_DELAYS) + 1):
                deliver_due(now)
                now += timedelta(days=1)
            email = db.session.scalar(select(OutboxEmail))
            assert email.status == OutboxStatus.FAILED
            assert email.attempts == len(RETRY_DELAYS) + 1
            assert deliver_due(now).retried == 0
    finally:
        app.config.update(MAIL_SERVER=None, MAIL_PORT=25)
        mail.init_app(app)


def test_claimed_rows_are_not_claimed_twice_until_their_lease_expires(app):
    with app.app_context():
        for n in range(3):
            queue_test_email(key=f"k{n}")
        db.session.commit()
        now = utcnow()
        first = claim_due(now, limit=2)
        second = claim_due(now, limit=10)
        assert {e.id for e in first}.isdisjoint({e.id for e in second})
        assert len(first) + len(second) == 3
        # A worker that died leaves its rows leased; once the lease ends they come back.
        assert claim_due(now, limit=10) == []
        assert len(claim_due(now + LEASE + timedelta(seconds=1), limit=10)) == 3


def test_unique_keys_differ_for_one_off_emails():
    assert unique_key("confirm:1") != unique_key("confirm:1")


def test_worker_command_delivers_once(app, runner, smtp_server):
    with app.app_context():
        queue_test_email()
        db.session.commit()
    result = runner.invoke(args=["portal", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "sent=1" in result.output
    assert len(smtp_server.envelopes) == 1


def test_send_test_email_command(runner, smtp_server):
    result = runner.invoke(args=["portal", "send-test-email", "ops@example.org", "--locale", "en"])
    assert result.exit_code == 0, result.output
    assert smtp_server.messages()[0]["To"] == "ops@example.org"


def test_message_id_is_on_the_portal_domain_and_stable(app):
    from portal.notifications.services import build_message

    with app.app_context():
        email = queue_test_email()
        db.session.commit()
        first, second = build_message(email), build_message(email)
    assert first.msgId == second.msgId
    assert first.msgId.endswith("@localhost>")  # PORTAL_BASE_URL of the tests


def test_the_message_is_serialised_once_when_written_and_sent_as_is(app, smtp_server):
    with app.app_context():
        email = queue_test_email(key="raw")
        db.session.commit()
        raw = email.raw_message
        assert raw.startswith(b"Content-Type: multipart/") or b"\r\nSubject: Test\r\n" in raw
        deliver_due()
    received = smtp_server.messages()
    assert len(received) == 1 and received[0]["Subject"] == "Test"
    assert received[0]["Message-ID"] in raw.decode()


def test_a_row_written_before_serialisation_existed_is_built_at_send_time(app, smtp_server):
    with app.app_context():
        email = queue_test_email(key="old")
        email.raw_message = None
        db.session.commit()
        assert deliver_due().sent == 1
    assert smtp_server.messages()[0]["Subject"] == "Test"
