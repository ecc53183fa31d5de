"""Maillage: the portal of an alliance of territories in transition."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from config import CONFIGS, DEV_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """The configuration cannot run safely."""


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, CLI."""
    config_name = config_name or os.environ.get("PORTAL_ENV", "development")
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=os.environ.get("PORTAL_INSTANCE_DIR", str(ROOT / "instance")),
    )
    app.config.from_object(CONFIGS[config_name])
    if overrides:
        app.config.update(overrides)
    check_configuration(app, config_name)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from portal.core.runtime import configure_logging, trust_proxies

    configure_logging(app)

    import portal.models  # noqa: F401 - the whole schema, for create_all and Alembic

    init_extensions(app)
    register_blueprints(app)
    trust_proxies(app)

    from portal.core.cli import portal_cli

    app.cli.add_command(portal_cli)

    if app.config["CELERY_BROKER_URL"]:
        from portal import celery_app

        celery_app.init_app(app)
    if app.config["PORTAL_INPROCESS_WORKER"]:
        from portal.notifications.worker import start_inprocess_worker

        start_inprocess_worker(app)
    return app


def check_configuration(app: Flask, config_name: str) -> None:
    """Refuse to start production with the development secret key; unusable storage or keys."""
    key = app.config.get("SECRET_KEY") or ""
    if config_name == "production" and (key == DEV_SECRET_KEY or len(key) < 32):
        raise ConfigurationError(
            "SECRET_KEY must be set to a random value of 32+ characters in production "
            '(python -c "import secrets; print(secrets.token_hex(32))").'
        )
    from portal.accounts.totp_cipher import keys_problem
    from portal.core.storage import settings_problem

    if problem := settings_problem(app.config) or keys_problem(app.config):
        raise ConfigurationError(problem)


def init_extensions(app: Flask) -> None:
    """Bind the extensions and the cross-cutting hooks."""
    from portal.core import dates, errors, fragments, i18n, security, templating
    from portal.core.db import configure_sqlite
    from portal.core.extensions import babel, csrf, db, limiter, login_manager, mail, migrate

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
        # The search index lives outside the models' metadata (portal/search/schema.py).
        from portal.search.schema import ensure_schema_at_startup

        ensure_schema_at_startup(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    limiter.init_app(app)
    login_manager.init_app(app)
    security.init_security(app)
    errors.init_errors(app)
    templating.init_templating(app)
    dates.init_dates(app)
    i18n.install_template_gettext(app)
    fragments.init_fragments(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per domain; import order matters only for the models' mappers."""
    from portal import (
        accounts,
        admin,
        alliance,
        assembly,
        experiences,
        forums,
        materials,
        meetings,
        notifications,
        programmes,
        reports,
        search,
        site,
        spaces,
    )
    from portal.programmes import calls

    for module in (
        site,
        accounts,
        alliance,
        admin,
        notifications,
        spaces,
        materials,
        meetings,
        forums,
        experiences,
        search,
        programmes,
        calls,
        assembly,
        reports,
    ):
        app.register_blueprint(module.bp)
    # Digests has no blueprint: imported for its registrations with the email engine
    # (its scheduler, and rescheduling after a change of timing).
    from portal import digests as _digests  # noqa: F401

    # Domain CLI commands attach themselves to the `portal` group on import.
    from portal.accounts import cli as _accounts_cli  # noqa: F401
    from portal.accounts import totp_cli as _totp_cli  # noqa: F401
    from portal.alliance import cli as _alliance_cli  # noqa: F401
    from portal.notifications import cli as _notifications_cli  # noqa: F401
    from portal.site import cli as _site_cli  # noqa: F401
