"""SQLite: a transaction that will write takes the write lock first (portal.core.db).

Found by bench/load.py: under concurrent requests, a login (read, slow password
check, write) failed with "database is locked" when another process wrote in
between. Forms now begin with BEGIN IMMEDIATE, and a page that writes a little
asks for it with write_transaction(); plain pages keep deferred transactions.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, event, select, text

from tests.databases import PG_URL

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="SQLite locking only")


@pytest.fixture
def begins(app):
    """The BEGIN statements the app's engine sends, in order."""
    from portal.core.extensions import db

    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("BEGIN"):
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    yield seen
    event.remove(engine, "before_cursor_execute", before)


def test_pages_read_in_deferred_transactions(client, begins):
    assert client.get("/").status_code == 200
    assert begins and set(begins) == {"BEGIN"}


def test_forms_take_the_write_lock_first(client, login_as, begins, no_csrf):
    login_as()
    begins.clear()
    assert client.post("/language", data={"language": "fr"}).status_code == 302
    assert begins and set(begins) == {"BEGIN IMMEDIATE"}


def test_write_transaction_makes_the_next_one_a_writers(app, begins):
    from portal.core.db import write_transaction
    from portal.core.extensions import db

    with app.test_request_context("/threads/1"):
        db.session.execute(select(1))
        write_transaction()
        db.session.execute(select(1))
        db.session.rollback()
        db.session.execute(select(1))
        db.session.rollback()
    assert begins == ["BEGIN", "BEGIN IMMEDIATE", "BEGIN"]


def test_a_login_waits_for_another_writer_instead_of_failing(app, client, database_url):
    """Another process holds the write lock during the login: the login waits, then succeeds."""
    from tests import factories
    from tests.helpers import csrf_token

    user = factories.user(email="lock@example.org")
    other = create_engine(database_url, connect_args={"isolation_level": None})
    released = threading.Event()

    def hold_lock():
        with other.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            conn.execute(text("UPDATE users SET display_name = display_name"))
            released.wait(0.5)
            conn.exec_driver_sql("COMMIT")

    token = csrf_token(client, "/auth/login")
    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        response = client.post(
            "/auth/login",
            data={"csrf_token": token, "email": user.email, "password": factories.PASSWORD},
        )
    finally:
        released.set()
        holder.join()
        other.dispose()
    assert response.status_code == 302
