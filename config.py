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
    #: Reverse proxies to trust for X-Forwarded-For/-Proto/-Host (1 behind nginx; 0 if exposed).
    PROXY_FIX_HOPS = env_int("PROXY_FIX_HOPS", 0)
    #: "json" for one JSON object per log line (log collectors); "text" otherwise.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
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
    #: Failed logins allowed per account, whatever address they come from (botnets spread out).
    RATELIMIT_LOGIN_ACCOUNT = os.environ.get("RATELIMIT_LOGIN_ACCOUNT", "5 per minute;30 per hour")
    #: Limit on two-factor code attempts per account (the per-address RATELIMIT_AUTH applies too).
    RATELIMIT_TWO_FACTOR = os.environ.get("RATELIMIT_TWO_FACTOR", "5 per minute;20 per hour")

    # Two-factor login (portal/accounts/twofactor.py).
    #: Administrators and facilitators must use two-factor login (off only for special setups).
    TWO_FACTOR_REQUIRED_ROLES = env_bool("TWO_FACTOR_REQUIRED_ROLES", True)
    #: Time between the password and the code of a two-step login.
    TWO_FACTOR_LOGIN_MAX_AGE = timedelta(minutes=10)
    #: Fernet keys of the stored authenticator secrets, comma-separated: the first encrypts,
    #: all decrypt (rotation). Unset: derived from SECRET_KEY. See accounts/totp_cipher.py.
    TOTP_ENCRYPTION_KEYS = os.environ.get("TOTP_ENCRYPTION_KEYS") or None

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
    #: Hard bounces (5xx) after which an address gets only essential mail (password resets).
    MAIL_BOUNCE_LIMIT = env_int("MAIL_BOUNCE_LIMIT", 3)
    #: Days sent and cancelled outbox rows are kept, then failed and bounced ones, before the
    #: worker deletes them (counted from sending, or from the last due attempt: creation
    #: unless retried); never less than the schedulers need (notifications/retention.py).
    OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90)
    OUTBOX_FAILED_RETENTION_DAYS = env_int("OUTBOX_FAILED_RETENTION_DAYS", 180)
    #: Run the outbox loop in a thread of the web process (`make run`).
    PORTAL_INPROCESS_WORKER = env_bool("PORTAL_INPROCESS_WORKER", False)
    WORKER_INTERVAL_SECONDS = env_int("WORKER_INTERVAL_SECONDS", 5)
    #: Delivery batches one worker turn (or one Celery `deliver` task) may send before it
    #: yields: a backlog drains quickly, and the schedulers still run between turns.
    WORKER_MAX_BATCHES = env_int("WORKER_MAX_BATCHES", 50)

    # Celery (optional): with a broker, Celery workers and beat run the email loop instead of
    # `flask portal worker`; see portal/celery_app.py and the README.
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or None
    #: Task results are not needed (the outbox is the record); set one to inspect tasks.
    CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
    #: The queue the portal's tasks go to (one Redis can serve several portals).
    CELERY_QUEUE = os.environ.get("CELERY_QUEUE", "maillage")
    #: Beat's periods: the schedulers every minute, delivery every 10 seconds.
    CELERY_SCHEDULERS_INTERVAL = env_int("CELERY_SCHEDULERS_INTERVAL", 60)
    CELERY_DELIVER_INTERVAL = env_int("CELERY_DELIVER_INTERVAL", 10)

    # Uploads.
    MAX_CONTENT_LENGTH = env_int("MAX_UPLOAD_MB", 20) * 1024 * 1024
    #: Uploaded files, one folder per domain, outside static/ (served after a permission check).
    UPLOAD_ROOT = os.environ.get("UPLOAD_ROOT", str(INSTANCE_DIR / "uploads"))
    #: Where uploaded files live (portal/core/storage/): "local" (UPLOAD_ROOT, one machine
    #: or a shared folder) or "s3" (an S3-compatible bucket, for several machines).
    STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local").strip().lower()
    #: The private bucket; credentials come from boto3's chain (AWS_ACCESS_KEY_ID…).
    S3_BUCKET = os.environ.get("S3_BUCKET") or None
    #: Only for S3-compatible services other than AWS (MinIO, Garage, Scaleway…).
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
    S3_REGION = os.environ.get("S3_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    #: Put the portal's objects under this prefix ("maillage/"), to share a bucket.
    S3_PREFIX = os.environ.get("S3_PREFIX", "")
    #: "path" for services without bucket sub-domains (most self-hosted ones), else "auto".
    S3_ADDRESSING_STYLE = os.environ.get("S3_ADDRESSING_STYLE", "auto")

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


def config_name() -> str:
    """The configuration `create_app()` picks when given none: PORTAL_ENV, or development."""
    return os.environ.get("PORTAL_ENV", "development")
