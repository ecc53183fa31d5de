"""Configuration classes, read from environment variables.

`create_app()` picks one by `PORTAL_ENV` (development, testing, production).
Every setting a deployment may want to change is an environment variable;
the README lists them.
"""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("PORTAL_INSTANCE_DIR", BASE_DIR / "instance"))

#: The value shipped for development; production refuses to start with it.
DEV_SECRET_KEY = "dev-only-secret-key-change-me"  # noqa: S105 - the known dev value


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on")."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Read an integer environment variable."""
    value = os.environ.get(name)
    return int(value) if value else default


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'maillage.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    #: Absolute URL of the portal, used in emails and calendar feeds.
    PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:5000")
    PORTAL_NAME = "Maillage"

    # Languages and time zones.
    LANGUAGES = ("fr", "en")
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "portal" / "translations")

    # Sessions and cookies: a server-side login record backs every cookie.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_DURATION = timedelta(days=env_int("REMEMBER_DAYS", 30))
    #: A login without "remember me" ends after this much inactivity.
    SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 120))
    PERMANENT_SESSION_LIFETIME = SESSION_IDLE_TIMEOUT

    # Tokens sent by email.
    CONFIRM_TOKEN_MAX_AGE = timedelta(hours=48)
    RESET_TOKEN_MAX_AGE = timedelta(hours=2)

    # Rate limits (Flask-Limiter); memory by default, Redis in production.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_AUTH = os.environ.get("RATELIMIT_AUTH", "10 per minute;60 per hour")

    # Mail: without MAIL_SERVER, messages are written as .eml files.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = env_bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Maillage <noreply@maillage.local>")
    MAIL_FILE_DIR = os.environ.get("MAIL_FILE_DIR", str(INSTANCE_DIR / "mail"))
    #: Messages sent per SMTP connection by one delivery batch.
    MAIL_BATCH_SIZE = env_int("MAIL_BATCH_SIZE", 100)
    #: Optional (non-essential) emails a member may receive in 24 hours: a guard against floods.
    MAIL_DAILY_CAP = env_int("MAIL_DAILY_CAP", 20)
    #: Run the outbox loop in a thread of the web process (`make run`).
    PORTAL_INPROCESS_WORKER = env_bool("PORTAL_INPROCESS_WORKER", False)
    WORKER_INTERVAL_SECONDS = env_int("WORKER_INTERVAL_SECONDS", 5)

    # Uploads.
    MAX_CONTENT_LENGTH = env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
    #: Uploaded files, one folder per domain, outside static/ (served after a permission check).
    UPLOAD_ROOT = os.environ.get("UPLOAD_ROOT", str(INSTANCE_DIR / "uploads"))

    WTF_CSRF_TIME_LIMIT = None  # the session lifetime bounds the token already
    ALLIES_PER_PAGE = 24


class DevelopmentConfig(Config):
    """`make run`: SQLite in instance/, mail to instance/mail/."""

    DEBUG = False


class TestingConfig(Config):
    """The test suite; conftest overrides the database and the mail directory."""

    TESTING = True
    SECRET_KEY = "testing-secret-key"  # noqa: S105 - test only
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_SERVER = None
    MAIL_SUPPRESS_SEND = False  # tests talk to a real aiosmtpd server
    PORTAL_INPROCESS_WORKER = False


class ProductionConfig(Config):
    """gunicorn behind a TLS proxy, PostgreSQL, Redis."""

    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
