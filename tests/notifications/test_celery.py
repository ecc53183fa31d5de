"""Celery runs the email loop: a real worker process, the real Redis, a real SMTP server.

The worker is a subprocess started once for this module, on its own Redis database
number and queue, pointed at the test database and at an aiosmtpd server of its own.
The tasks are also called in-process to prove that running them twice sends once.
"""

import importlib.util
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from portal import celery_app
from portal.celery_app import deliver, run_schedulers
from portal.core.extensions import db
from portal.notifications.models import OutboxEmail, OutboxStatus
from portal.notifications.services import enqueue, unique_key
from tests.conftest import SMTPRecorder
from tests.notifications.loop import (
    member_with_a_session_tomorrow,
    queue_account_emails,
    wait_until,
)
from tests.services import REDIS_URL, free_port, missing, port_open, redis_database

ROOT = Path(__file__).resolve().parents[2]
#: The Redis database the Celery tests use (tests.services.redis_database).
CELERY_BROKER = redis_database(14)


class CeleryWorker:
    """A `celery worker` subprocess and what the tests need to talk to it."""

    def __init__(self, app, database_url, tmp_path):
        self.broker_url = CELERY_BROKER
        self.queue = f"maillage-test-{uuid.uuid4().hex[:10]}"
        self.node = f"{self.queue}@localhost"
        self.settings = dict(app.config, CELERY_BROKER_URL=self.broker_url, CELERY_QUEUE=self.queue)
        self.client = celery_app.make_celery(self.settings, set_as_current=False)
        self.smtp = SMTPRecorder()
        self.smtp_controller = Controller(self.smtp, hostname="127.0.0.1", port=free_port())
        self.log_path = tmp_path / "worker.log"
        self.env = dict(
            os.environ,
            PORTAL_ENV="development",
            DATABASE_URL=database_url,
            PORTAL_INSTANCE_DIR=str(tmp_path),
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=str(self.smtp_controller.port),
            MAIL_FILE_DIR=str(tmp_path / "mail"),
            SECRET_KEY=app.config["SECRET_KEY"],
            PORTAL_BASE_URL=app.config["PORTAL_BASE_URL"],
            PORTAL_INPROCESS_WORKER="0",
            CELERY_BROKER_URL=self.broker_url,
            CELERY_QUEUE=self.queue,
        )
        self.process = None

    def start(self):
        """Start the SMTP server and the worker, and wait until the worker answers a ping."""
        self.smtp_controller.start()
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal.celery_app",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            self.queue,
            "-n",
            self.node,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        ready = wait_until(self.answers_ping, timeout=120)
        assert ready, f"the Celery worker did not start:\n{self.log()}"

    def answers_ping(self) -> bool:
        """Whether the worker replies to a control ping (it consumes its queue by then)."""
        if self.process.poll() is not None:
            return True  # exited: the assertion after the wait shows its log
        replies = self.client.control.ping(destination=[self.node], timeout=0.5)
        return self.process.poll() is None and bool(replies)

    def send(self, task):
        """Publish `task` to the worker's queue, as beat or `task.delay()` would."""
        with self.client.connection_for_write() as connection:
            task.apply_async(connection=connection, queue=self.queue)

    def log(self) -> str:
        """The worker's output so far (shown when a test fails)."""
        return self.log_path.read_text(errors="replace")[-5000:]

    def stop(self):
        """Always end the subprocess, the SMTP server and the queue's Redis keys."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.smtp_controller.stop()
        with self.client.connection_for_write() as connection:
            redis = connection.default_channel.client
            keys = list(redis.scan_iter(f"*{self.queue}*"))
            if keys:
                redis.delete(*keys)
        self.client.close()


@pytest.fixture(scope="module")
def celery_worker(app, database_url, tmp_path_factory):
    """A running worker process for this module (after the schema exists)."""
    host, port = urlsplit(REDIS_URL).hostname, urlsplit(REDIS_URL).port or 6379
    if not port_open(host, port):
        missing("Redis", f"nothing listens on {host}:{port}")
    if importlib.util.find_spec("celery") is None:
        missing("Celery", "the celery package is not installed")
    worker = CeleryWorker(app, database_url, tmp_path_factory.mktemp("celery"))
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def worker_process(celery_worker):
    """The module's worker, with an empty SMTP mailbox for this test."""
    celery_worker.smtp.envelopes.clear()
    return celery_worker


@pytest.fixture
def celery_configured(app, worker_process, monkeypatch):
    """The test app configured like a web process of a Celery deployment."""
    monkeypatch.setitem(app.config, "CELERY_BROKER_URL", worker_process.broker_url)
    monkeypatch.setitem(app.config, "CELERY_QUEUE", worker_process.queue)
    app.extensions.pop("celery", None)
    celery_app.init_app(app)
    yield
    client = app.extensions.pop("celery", None)
    if client is not None:
        client.close()


def sent_rows(app):
    """The outbox rows marked sent."""
    with app.app_context():
        return list(
            db.session.scalars(select(OutboxEmail).where(OutboxEmail.status == OutboxStatus.SENT))
        )


def test_a_worker_process_delivers_a_queued_email(app, worker_process):
    queue_account_emails(app)

    worker_process.send(deliver)

    assert wait_until(lambda: len(sent_rows(app)) == 1), worker_process.log()
    assert [e.rcpt_tos for e in worker_process.smtp.envelopes] == [["ally0@example.org"]]


def test_a_commit_that_writes_email_asks_the_workers_to_deliver_at_once(
    app, worker_process, celery_configured
):
    queue_account_emails(app)  # no task sent by the test: the commit sends one

    assert wait_until(lambda: len(sent_rows(app)) == 1), worker_process.log()
    assert len(worker_process.smtp.envelopes) == 1


def test_beats_schedulers_task_writes_a_reminder_that_the_worker_delivers(app, worker_process):
    member = member_with_a_session_tomorrow()

    # The worker's own commit of the reminder sends the `deliver` task.
    worker_process.send(run_schedulers)

    assert wait_until(lambda: len(sent_rows(app)) == 1), worker_process.log()
    assert [e.rcpt_tos for e in worker_process.smtp.envelopes] == [[member.email]]


def test_the_deliver_task_run_twice_sends_once(app, smtp_server):
    queue_account_emails(app, count=2)

    with app.app_context():
        first = deliver.apply().get()
        second = deliver.apply().get()

    assert (first["sent"], second["sent"]) == (2, 0)
    assert len(smtp_server.envelopes) == 2


def test_the_schedulers_task_run_twice_writes_each_email_once(app):
    member_with_a_session_tomorrow()

    with app.app_context():
        first = run_schedulers.apply().get()
        second = run_schedulers.apply().get()
        rows = db.session.scalars(select(OutboxEmail)).all()

    assert (first["reminders"], second["reminders"]) == (1, 0)
    assert [row.dedupe_key.split(":")[0] for row in rows] == ["reminder"]


def test_beat_runs_the_schedulers_every_minute_and_delivery_every_ten_seconds(app):
    schedule = celery_app.make_celery(app.config, set_as_current=False).conf.beat_schedule

    assert schedule["run-schedulers"]["task"] == run_schedulers.name
    assert schedule["run-schedulers"]["schedule"] == 60
    assert schedule["deliver"]["task"] == deliver.name
    assert schedule["deliver"]["schedule"] == 10
    assert deliver.acks_late and run_schedulers.acks_late


def test_a_broker_that_is_down_never_fails_the_commit(app, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "CELERY_BROKER_URL", f"redis://127.0.0.1:{free_port()}/0")
    app.extensions.pop("celery", None)
    celery_app.init_app(app)
    try:
        queue_account_emails(app)
    finally:
        app.extensions.pop("celery").close()

    assert "could not ask Celery to deliver now" in caplog.text
    with app.app_context():
        assert db.session.scalar(select(OutboxEmail.status)) == OutboxStatus.PENDING


def test_a_worker_without_broker_refuses_to_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    env.update(PORTAL_INSTANCE_DIR=str(tmp_path))
    command = [sys.executable, "-m", "celery", "-A", "portal.celery_app", "worker", "--pool=solo"]

    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=120)

    assert result.returncode != 0
    assert b"set CELERY_BROKER_URL" in result.stdout + result.stderr


def test_the_deliver_task_is_sent_when_the_rows_are_committed_not_before(app, monkeypatch):
    """`enqueue` writes in a SAVEPOINT, whose release SQLAlchemy also reports as a commit:
    a task sent then reached a worker before the rows were visible (a CI failure)."""
    visible_at_send = []

    def request_delivery(_app):
        # What a worker would see now, from a connection of its own.
        with db.engine.connect() as other:
            visible_at_send.append(other.scalar(select(func.count(OutboxEmail.id))))

    monkeypatch.setitem(app.config, "CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(celery_app, "request_delivery", request_delivery)
    celery_app.init_app(app)
    with app.app_context():
        enqueue(
            to="ally@example.org",
            template="notifications/test",
            subject="Test",
            dedupe_key=unique_key("test"),
            locale="en",
        )
        assert visible_at_send == []  # the savepoint was released: nothing sent yet
        db.session.commit()

    assert visible_at_send == [1]
