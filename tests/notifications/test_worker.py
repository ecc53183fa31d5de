"""The email loop: one turn runs the schedulers, then delivers; the CLI and the thread run it."""

import threading

from sqlalchemy.exc import OperationalError

from portal.notifications import worker
from portal.notifications.services import DeliveryReport
from tests.notifications.loop import (
    member_with_a_session_tomorrow,
    queue_account_emails,
    wait_until,
)


def test_one_turn_schedules_a_due_reminder_and_delivers_it(app, smtp_server):
    member = member_with_a_session_tomorrow()

    report = worker.run_once(app)

    assert report.scheduler_error is None
    assert report.scheduled["reminders"] == 1
    assert report.delivery.sent == 1
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [[member.email]]


def test_a_second_turn_sends_nothing_again(app, smtp_server):
    member_with_a_session_tomorrow()
    worker.run_once(app)

    again = worker.run_once(app)

    assert not any(again.scheduled.values())
    assert again.delivery.sent == 0
    assert len(smtp_server.envelopes) == 1


def test_a_crashing_scheduler_does_not_stop_delivery(app, smtp_server, monkeypatch, caplog):
    def broken(now):
        raise RuntimeError("a bug in a digest section")

    monkeypatch.setattr(worker, "run_schedulers", broken)
    queue_account_emails(app)

    report = worker.run_once(app)

    assert report.scheduler_error == "RuntimeError"
    assert report.delivery.sent == 1
    assert len(smtp_server.envelopes) == 1
    assert "schedulers failed" in caplog.text
    assert report.summary().startswith("scheduled: failed (RuntimeError); sent=1")


def test_delivery_drains_the_backlog_batch_after_batch(app, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_BATCH_SIZE", 2)
    queue_account_emails(app, count=5)

    assert worker.deliver(app, max_batches=2).sent == 4
    assert worker.deliver(app).sent == 1
    assert len(smtp_server.envelopes) == 5


def test_reports_add_up_every_counter():
    total = DeliveryReport(sent=1, retried=2)
    worker.add_to(total, DeliveryReport(sent=3, failed=1))
    assert (total.sent, total.retried, total.failed) == (4, 2, 1)
    assert worker.is_empty(DeliveryReport()) and not worker.is_empty(total)
    assert worker.describe_delivery(total).startswith("sent=4 retried=2 failed=1")


def test_worker_command_once_prints_what_it_scheduled_and_sent(app, runner, smtp_server):
    member_with_a_session_tomorrow()
    queue_account_emails(app)

    result = runner.invoke(args=["portal", "worker", "--once"])

    assert result.exit_code == 0, result.output
    assert (
        "scheduled: reminders=1 catchups=0 digests=0 assembly-phases=0 vote-results=0 purged=0;"
        " sent=2 retried=0 failed=0"
    ) in result.output
    assert len(smtp_server.envelopes) == 2


def test_the_loop_survives_a_failing_turn(app, monkeypatch):
    stop = threading.Event()
    turns = []

    def flaky_turn(app):
        turns.append(1)
        if len(turns) == 1:
            raise OperationalError("SELECT 1", {}, Exception("database restarting"))
        stop.set()
        return worker.WorkerReport()

    monkeypatch.setattr(worker, "run_once", flaky_turn)
    worker.run_forever(app, 0, stop)
    assert len(turns) == 2


def test_the_inprocess_thread_delivers_until_stopped(app, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "WORKER_INTERVAL_SECONDS", 0.05)
    queue_account_emails(app)
    stop = threading.Event()

    thread = worker.start_inprocess_worker(app, stop)
    try:
        assert thread.daemon
        assert wait_until(lambda: smtp_server.envelopes)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(smtp_server.envelopes) == 1
