"""Where uploaded files live: a local folder by default, an S3-compatible bucket when set.

`current_storage()` is the backend of the running app, built from its settings:
STORAGE_BACKEND ("local" or "s3"), UPLOAD_ROOT for local, S3_BUCKET, S3_ENDPOINT_URL,
S3_REGION, S3_PREFIX and S3_ADDRESSING_STYLE for S3. Domains never call a backend
directly: portal/core/uploads.py checks the content first, then stores, serves and
deletes through this interface, following the database transaction.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from portal.core.storage.base import (
    DOMAIN_PATTERN,
    STORED_NAME_PATTERN,
    Blob,
    Storage,
    StorageError,
    check_domain,
    make_key,
    split_key,
)
from portal.core.storage.local import LocalStorage
from portal.core.storage.s3 import S3Storage

__all__ = [
    "DOMAIN_PATTERN",
    "STORED_NAME_PATTERN",
    "BACKENDS",
    "Blob",
    "LocalStorage",
    "S3Storage",
    "Storage",
    "StorageError",
    "check_domain",
    "current_storage",
    "make_key",
    "settings_problem",
    "split_key",
]

BACKENDS = ("local", "s3")
#: The settings a backend is built from: a change of any of them builds a new one.
_SETTINGS = (
    "STORAGE_BACKEND",
    "UPLOAD_ROOT",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "S3_PREFIX",
    "S3_ADDRESSING_STYLE",
)
_EXTENSION = "portal.storage"


def settings_problem(config) -> str | None:
    """Why these settings cannot store files, or None: create_app refuses to start on it."""
    backend = (config.get("STORAGE_BACKEND") or "local").lower()
    if backend not in BACKENDS:
        return f"STORAGE_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}."
    if backend == "s3" and not config.get("S3_BUCKET"):
        return "STORAGE_BACKEND=s3 needs S3_BUCKET (and credentials in the AWS_* variables)."
    if config.get("S3_ADDRESSING_STYLE", "auto") not in ("auto", "path", "virtual"):
        return "S3_ADDRESSING_STYLE must be auto, path or virtual."
    return None


def build_storage(config, instance_path: str) -> Storage:
    """A backend for `config` (a Flask config or any mapping)."""
    problem = settings_problem(config)
    if problem:
        raise ValueError(problem)
    if (config.get("STORAGE_BACKEND") or "local").lower() == "s3":
        return S3Storage(
            config["S3_BUCKET"],
            endpoint_url=config.get("S3_ENDPOINT_URL"),
            region=config.get("S3_REGION"),
            prefix=config.get("S3_PREFIX") or "",
            addressing_style=config.get("S3_ADDRESSING_STYLE") or "auto",
        )
    return LocalStorage(config.get("UPLOAD_ROOT") or Path(instance_path) / "uploads")


def current_storage() -> Storage:
    """The running app's backend, built once per combination of its settings.

    Keyed on the settings rather than built at start-up, so a test (or a CLI command)
    that changes them gets the matching backend, and restoring them restores the old one.
    """
    app = current_app._get_current_object()
    built = app.extensions.setdefault(_EXTENSION, {})
    settings = tuple(str(app.config.get(name) or "") for name in _SETTINGS)
    if settings not in built:
        built[settings] = build_storage(app.config, app.instance_path)
    return built[settings]
