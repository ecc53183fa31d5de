"""Test fixtures: the app on SQLite or PostgreSQL, a clean database per test,
a real SMTP server, logins, query counting.

The database is SQLite unless PORTAL_TEST_DATABASE_URL names a PostgreSQL
server, in which case a fresh database is created for this run and dropped after.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, text

from tests import factories
from tests.databases import PG_URL, empty_database
from tests.services import free_port


def pytest_report_header(config):
    """Say which database the run uses."""
    return f"maillage database: {'PostgreSQL ' + PG_URL if PG_URL else 'SQLite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A database for this test run: a fresh PostgreSQL database, or an SQLite file."""
    with empty_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """The application, with the schema created once for the session."""
    from portal import create_app
    from portal.core.extensions import db

    mail_dir = tmp_path_factory.mktemp("mail")
    app = create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_FILE_DIR": str(mail_dir),
            "UPLOAD_ROOT": str(tmp_path_factory.mktemp("uploads")),
            "PORTAL_BASE_URL": "http://localhost",
        },
    )
    with app.app_context():
        db.create_all()
    factories.APP = app
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def clean_database(request, app):
    """Empty every table and reset rate limits after each test."""
    yield
    from portal.core.extensions import db, limiter

    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())
        # The search index lives outside the models' metadata: empty it too.
        from portal.search import indexing

        indexing.clear()
        db.session.commit()
        limiter.reset()


@pytest.fixture
def no_csrf(app):
    """Post forms without CSRF tokens; the packages that use it prove tokens are enforced."""
    saved = app.config.get("WTF_CSRF_ENABLED", True)
    app.config["WTF_CSRF_ENABLED"] = False
    yield
    app.config["WTF_CSRF_ENABLED"] = saved


def english_client(app):
    """A test client whose browser asks for English pages.

    Tests read pages in English so that their assertions do not depend on the
    French catalog; the tests of language selection set their own headers.
    """
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def client(app):
    """A test client (cookies kept between requests), reading in English."""
    return english_client(app)


@pytest.fixture
def runner(app):
    """A CLI runner for `flask portal ...` commands."""
    return app.test_cli_runner()


@pytest.fixture
def login(app):
    """Log `user` in on `client` by opening a real server-side login record.

    The login counts as having passed two-factor login (`two_factor=True`), so tests
    of administrators and facilitators run without the code step; the two-factor
    tests pass `two_factor=False` to see the rule that asks for it.
    """

    def _login(client, user, remember: bool = False, two_factor: bool = True):
        from portal.accounts.logins import open_login
        from portal.accounts.models import User
        from portal.core.extensions import db

        with app.app_context():
            account = db.session.get(User, user.id)
            record = open_login(account, remember=remember, two_factor=two_factor)
            db.session.commit()
            token = record.raw_token
        with client.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
        return token

    return _login


@pytest.fixture
def login_as(client, login):
    """Create a confirmed user of `role` ("member" or "admin") and log them in on `client`."""

    def _login_as(role: str = "member", **fields):
        user = factories.user(role=role, **fields)
        login(client, user)
        return user

    return _login_as


@pytest.fixture
def count_queries(app):
    """Count SQL statements run inside a `with count_queries() as counter:` block."""

    @contextmanager
    def _count():
        from portal.core.extensions import db

        statements: list[str] = []

        def before(conn, cursor, statement, parameters, context, executemany):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "PRAGMA")):
                statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return _count


class SMTPRecorder:
    """Collects what a real aiosmtpd server on loopback received."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        """The received messages, parsed."""
        from email import message_from_bytes, policy

        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


@pytest.fixture
def smtp_server(app):
    """A real SMTP server on a free loopback port; the app sends to it during the test."""
    from aiosmtpd.controller import Controller

    from portal.core.extensions import mail

    recorder = SMTPRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    mail.init_app(app)  # Flask-Mail reads its settings at init time
    try:
        yield recorder
    finally:
        app.config.update(saved)
        mail.init_app(app)
        controller.stop()


@pytest.fixture
def outbox(app):
    """Read the outbox rows (as dicts) at any point of a test."""

    def _rows(**filters):
        from sqlalchemy import select

        from portal.core.extensions import db
        from portal.notifications.models import OutboxEmail

        with app.app_context():
            query = select(OutboxEmail).order_by(OutboxEmail.id)
            for key, value in filters.items():
                query = query.where(getattr(OutboxEmail, key) == value)
            return [
                {c.name: getattr(row, c.name) for c in OutboxEmail.__table__.columns}
                for row in db.session.scalars(query)
            ]

    return _rows


@pytest.fixture
def deliver(app):
    """Deliver the due outbox rows as the worker would (the schedulers do not run)."""

    def _deliver():
        from portal.notifications.worker import deliver

        return deliver(app)

    return _deliver


@pytest.fixture(scope="session")
def tmp_dir():
    """A scratch directory for the session."""
    with tempfile.TemporaryDirectory() as path:
        yield Path(path)


@pytest.fixture
def as_viewer(app, login):
    """`as_viewer(person)` -> a client logged in as `person`, or anonymous for None.

    Used by the permission matrices: one fresh client per viewpoint.
    """

    def _as(person):
        viewer = english_client(app)
        if person is not None:
            login(viewer, person)
        return viewer

    return _as


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked `postgres_only` run in the PostgreSQL pass and are skipped on SQLite."""
    if request.node.get_closest_marker("postgres_only") and not PG_URL:
        pytest.skip("PostgreSQL only: runs in the PostgreSQL pass (PORTAL_TEST_DATABASE_URL)")
