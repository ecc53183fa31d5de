"""Migrations build the same schema as the models, and unwind cleanly."""

import flask_migrate
import pytest
from sqlalchemy import inspect

from portal import create_app
from portal.core.extensions import db
from tests.databases import empty_database


@pytest.fixture
def fresh_app(tmp_path):
    """An app on an empty database of the kind under test."""
    with empty_database(tmp_path) as url:
        app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url})
        yield app
        with app.app_context():
            db.engine.dispose()


def test_upgrade_to_head_then_back_to_base(fresh_app):
    with fresh_app.app_context():
        flask_migrate.upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        flask_migrate.downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_models_and_migrations_do_not_drift(fresh_app, capsys):
    with fresh_app.app_context():
        flask_migrate.upgrade()
        flask_migrate.check()  # exits non-zero on drift
