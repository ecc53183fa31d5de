"""The search index's tables, outside SQLAlchemy's metadata: DDL for SQLite and PostgreSQL.

`ensure_schema(bind)` creates them (idempotent) from create_app and from the
Alembic migration (`ensure_schema(op.get_bind())`); `drop_schema(bind)` undoes it.
`include_object` keeps Alembic's autogenerate away from them (migrations/env.py).
"""

from __future__ import annotations

import logging

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, Text, inspect, text

from portal.core.db import UTCDateTime

log = logging.getLogger(__name__)

#: Every table of the index starts with this (FTS5 adds search_fts_data, _idx, ...).
PREFIX = "search_"

#: The documents and their filter columns; a metadata of its own, never created by create_all.
documents = Table(
    "search_documents",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # material, post, experience
    Column("object_id", Integer, nullable=False),
    Column("parent_id", Integer),  # a post's thread
    Column("space_id", Integer),  # None: alliance-wide material, experience, discussion post
    Column("visibility", String(16)),  # materials and experiences
    Column("status", String(16), nullable=False),  # visible/hidden/deleted, draft/published
    Column("organisation_id", Integer),  # experiences
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("updated_at", UTCDateTime()),
)

_COLUMNS = """
    kind VARCHAR(16) NOT NULL,
    object_id INTEGER NOT NULL,
    parent_id INTEGER,
    space_id INTEGER,
    visibility VARCHAR(16),
    status VARCHAR(16) NOT NULL,
    organisation_id INTEGER,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
"""

SQLITE_DDL = (
    f"CREATE TABLE IF NOT EXISTS search_documents (id INTEGER PRIMARY KEY, {_COLUMNS}"
    " updated_at DATETIME, CONSTRAINT uq_search_documents_kind_object UNIQUE (kind, object_id))",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_space ON search_documents (space_id)",
    # The folded text (portal.search.text.normalise); rowid = search_documents.id.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title_norm, body_norm, tokenize = 'unicode61 remove_diacritics 2')",
)

POSTGRES_DDL = (
    f"CREATE TABLE IF NOT EXISTS search_documents (id BIGSERIAL PRIMARY KEY, {_COLUMNS}"
    " updated_at TIMESTAMPTZ, tsv TSVECTOR NOT NULL,"
    " CONSTRAINT uq_search_documents_kind_object UNIQUE (kind, object_id))",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_space ON search_documents (space_id)",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents USING GIN (tsv)",
)

#: search_fold(text): unaccent() when the extension exists, else the text unchanged.
FOLD_WITH_UNACCENT = (
    "CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE"
    " PARALLEL SAFE AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$"
)
FOLD_WITHOUT_UNACCENT = (
    "CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE"
    " PARALLEL SAFE AS $$ SELECT $1 $$"
)


def _unaccent_schema(connection) -> str | None:
    """Create the unaccent extension if allowed; the schema it lives in, or None."""
    try:
        with connection.begin_nested():
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except Exception as error:  # noqa: BLE001 - lacking rights is a warning, not a failure
        log.warning("search: cannot create the unaccent extension (%s)", error.__class__.__name__)
    return connection.execute(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'unaccent'"
        )
    ).scalar()


def _ensure_postgres(connection) -> None:
    """Table, GIN index and search_fold() on PostgreSQL."""
    schema = _unaccent_schema(connection)
    if schema is None:
        log.warning("search: unaccent unavailable, accents will matter in PostgreSQL searches")
        connection.execute(text(FOLD_WITHOUT_UNACCENT))
    else:
        quoted = connection.dialect.identifier_preparer.quote_identifier(schema)
        connection.execute(text(FOLD_WITH_UNACCENT.format(schema=quoted)))
    for statement in POSTGRES_DDL:
        connection.execute(text(statement))


def ensure_schema(bind) -> None:
    """Create the index's tables if missing (an Engine, or a Connection such as op.get_bind())."""
    if isinstance(bind, Engine):
        with bind.begin() as connection:  # our own transaction
            ensure_schema(connection)
        return
    if bind.dialect.name == "postgresql":
        _ensure_postgres(bind)
    else:
        for statement in SQLITE_DDL:
            bind.exec_driver_sql(statement)


def drop_schema(bind) -> None:
    """Drop the index's tables (Alembic downgrade); the unaccent extension stays."""
    if isinstance(bind, Engine):
        with bind.begin() as connection:
            drop_schema(connection)
        return
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_documents")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS search_fold(text)")
    else:
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_documents")


def ensure_schema_at_startup(engine) -> None:
    """create_app: create the index where it is missing (test and development databases).

    Where it exists already (a migrated database), nothing runs, so a web process
    never needs DDL rights; a failure is logged, and searches then fail softly.
    """
    try:
        if inspect(engine).has_table("search_documents"):
            return
        ensure_schema(engine)
    except Exception:  # noqa: BLE001 - the portal must start even without its search index
        log.exception("search: could not create the search index tables")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic autogenerate filter: skip the search index (its DDL is ensure_schema's)."""
    if type_ == "table" and name and name.startswith(PREFIX):
        return False
    table = getattr(obj, "table", None)
    return not (
        type_ in ("index", "column") and table is not None and table.name.startswith(PREFIX)
    )
