"""Database base class, naming convention and time helpers."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Predictable constraint names, so Alembic migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


#: The largest value of an INTEGER column on PostgreSQL: a bigger number from a URL or a
#: form would make the query itself fail, so it is answered as "not found" before.
INTEGER_MAX = 2_147_483_647


def fits_integer(value) -> bool:
    """Whether `value` is an int a PostgreSQL INTEGER column can be compared with."""
    return isinstance(value, int) and -INTEGER_MAX - 1 <= value <= INTEGER_MAX


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware.

    PostgreSQL keeps the zone (timestamptz); SQLite has none, so values are stored
    as naive UTC and given their zone back on load. Naive values are refused on
    the way in: a naive datetime is a bug waiting for a DST change.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: use an aware UTC value")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def configure_sqlite(engine) -> None:
    """Make SQLite behave: foreign keys, a busy timeout, WAL, and real transactions.

    pysqlite opens transactions lazily and not before a SAVEPOINT, so a savepoint
    released by `begin_nested()` would commit the whole transaction. The recipe
    from SQLAlchemy's SQLite notes: let SQLAlchemy emit BEGIN itself.
    """
    from sqlalchemy import event

    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        # SQLite's advice for WAL: a commit no longer waits for fsync (30x faster here, and
        # email delivery commits once per message). A killed process loses nothing; only a
        # power cut may forget the last commits (helper C, issue 5).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _request_writes() else "BEGIN")


def _request_writes() -> bool:
    """Whether this transaction will write: on SQLite it then takes the write lock first.

    A transaction that read before writing fails at once ("database is locked") when
    another process wrote in between, e.g. during the slow password check of a login
    (found by bench/load.py); BEGIN IMMEDIATE waits its turn (busy_timeout) instead.
    Forms (POST…) write; a page (GET) that writes asks with `write_transaction()`. Other
    pages keep deferred transactions, so readers never wait for one another.
    """
    from flask import g, has_request_context, request

    if not has_request_context():
        return False
    return request.method not in ("GET", "HEAD", "OPTIONS") or g.pop("_write_next", False)


def write_transaction() -> None:
    """End the request's transaction; the next one is a writer's (SQLite: BEGIN IMMEDIATE).

    For a page whose reads are done and that writes a little (a read mark): call it,
    then write and commit. Loaded objects are expired, so read what you need first.
    """
    from flask import g, has_request_context

    from portal.core.extensions import db

    db.session.rollback()
    if has_request_context():
        g._write_next = True
