"""Throwaway databases for a test run: an SQLite file, or a fresh PostgreSQL database."""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.services import services_required

PG_URL = os.environ.get("PORTAL_TEST_DATABASE_URL")


def _admin_dsn(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))


def create_pg_database(url: str) -> str:
    """Create an empty database on the server of `url` and return its URL."""
    import psycopg

    parts = urlsplit(url)
    name = f"maillage_test_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with psycopg.connect(_admin_dsn(url), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        if services_required():
            pytest.exit(f"PostgreSQL unreachable at {url}: {error}", returncode=3)
        raise
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def drop_pg_database(url: str) -> None:
    """Drop a database made by `create_pg_database`."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_admin_dsn(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def empty_database(directory):
    """An empty database of the kind under test (PostgreSQL when configured)."""
    if PG_URL:
        url = create_pg_database(PG_URL)
        try:
            yield url
        finally:
            drop_pg_database(url)
    else:
        yield f"sqlite:///{directory / 'empty.sqlite3'}"
