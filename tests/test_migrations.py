"""Migrations build the same schema as the models, and unwind cleanly."""

from datetime import UTC, datetime

import flask_migrate
import pytest
from sqlalchemy import inspect, select, text

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


def _insert_user(connection, email: str, totp_secret: str | None) -> None:
    connection.execute(
        text(
            "INSERT INTO users (email, display_name, role, locale, timezone,"
            " notification_preferences, created_at, totp_secret, two_factor_enabled_at)"
            " VALUES (:email, 'Someone', 'admin', 'fr', 'Europe/Paris', '{}',"
            " :now, :secret, :now)"
        ),
        {"email": email, "now": datetime(2026, 11, 1, tzinfo=UTC), "secret": totp_secret},
    )


def _secrets(connection) -> dict[str, str | None]:
    rows = connection.execute(text("SELECT email, totp_secret FROM users ORDER BY email"))
    return dict(rows.all())


def test_secrets_stored_in_clear_are_encrypted_and_decrypted_back(fresh_app):
    from portal.accounts import totp_cipher, twofactor
    from portal.accounts.models import User

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    before = "6ede088f4d43"  # two-factor login, secrets in clear
    with fresh_app.app_context():
        flask_migrate.upgrade(revision=before)
        with db.engine.begin() as connection:
            _insert_user(connection, "clear@example.org", secret)
            _insert_user(connection, "none@example.org", None)

        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            stored = _secrets(connection)
        token = stored["clear@example.org"]
        assert token.startswith("gAAAA") and secret not in token
        assert stored["none@example.org"] is None
        assert totp_cipher.decrypt(fresh_app.config, token) == secret
        user = db.session.scalar(select(User).where(User.email == "clear@example.org"))
        assert user.has_two_factor and twofactor.stored_secret(user) == secret
        db.session.remove()

        flask_migrate.upgrade()  # again: nothing to do, the token stays as it is
        with db.engine.connect() as connection:
            assert _secrets(connection)["clear@example.org"] == token

        flask_migrate.downgrade(revision=before)
        with db.engine.connect() as connection:
            assert _secrets(connection) == {"clear@example.org": secret, "none@example.org": None}


def test_the_data_step_uses_the_first_configured_key(tmp_path):
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    with empty_database(tmp_path) as url:
        app = create_app(
            "testing", overrides={"SQLALCHEMY_DATABASE_URI": url, "TOTP_ENCRYPTION_KEYS": key}
        )
        with app.app_context():
            flask_migrate.upgrade(revision="6ede088f4d43")
            with db.engine.begin() as connection:
                _insert_user(connection, "clear@example.org", "MAILLAGEDEMOTOTPSECRETFORDEVONLY")
            flask_migrate.upgrade()
            with db.engine.connect() as connection:
                token = _secrets(connection)["clear@example.org"]
            assert Fernet(key).decrypt(token.encode()) == b"MAILLAGEDEMOTOTPSECRETFORDEVONLY"
            db.engine.dispose()
