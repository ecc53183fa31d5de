"""The storage interface every backend implements, and the keys it stores files under.

A key is "<domain>/<32 hex digits>": the domain names a folder (materials, covers…), the
name is random (secrets.token_hex). Nothing a user typed ever reaches a key, and a key
that we could not have made is refused before any backend sees it, so "../" tricks or
someone else's object name cannot be read, overwritten or deleted.
"""

from __future__ import annotations

import re
import secrets
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

#: A domain's folder ("materials", "covers"…).
DOMAIN_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,39}")
#: Stored names are 32 hex digits (secrets.token_hex(16)), without extension, so even a
#: misconfigured web server or a public bucket could not guess a type to serve them with.
STORED_NAME_PATTERN = re.compile(r"[0-9a-f]{32}")


class StorageError(RuntimeError):
    """The backend failed (disk full, bucket unreachable…): not the user's fault."""


@dataclass(frozen=True)
class Blob:
    """A stored file opened for sending: its bytes and what HTTP caching needs."""

    stream: BinaryIO
    size: int
    etag: str
    modified: datetime | float | None


def check_domain(domain: str | None) -> str:
    """`domain` if it is a plain folder name; ValueError otherwise (a programming error)."""
    if not DOMAIN_PATTERN.fullmatch(domain or ""):
        raise ValueError(f"invalid upload domain {domain!r}")
    return domain


def make_key(domain: str, stored_name: str | None) -> str:
    """The key of `stored_name` in `domain`; FileNotFoundError for a name we never make."""
    check_domain(domain)
    if not STORED_NAME_PATTERN.fullmatch(stored_name or ""):
        raise FileNotFoundError(stored_name)
    return f"{domain}/{stored_name}"


def new_key(domain: str) -> str:
    """A fresh random key in `domain`."""
    return make_key(domain, secrets.token_hex(16))


def split_key(key: str | None) -> tuple[str, str]:
    """(domain, stored name) of a well-formed key; FileNotFoundError otherwise."""
    domain, slash, name = (key or "").partition("/")
    if not slash or not DOMAIN_PATTERN.fullmatch(domain) or not STORED_NAME_PATTERN.fullmatch(name):
        raise FileNotFoundError(key)
    return domain, name


class Storage(ABC):
    """Where files live. Keys come from `save`; other keys raise FileNotFoundError."""

    #: Short name for logs and the configuration ("local", "s3").
    name = ""

    @abstractmethod
    def save(self, domain: str, stream: BinaryIO) -> str:
        """Store the whole of `stream` (from its start) under a new key, and return the key.

        A reader never sees half a file. Raises StorageError if the backend fails.
        """

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """The stored bytes, as a stream to read and close; FileNotFoundError if absent."""

    @abstractmethod
    def download(self, key: str) -> Blob:
        """`open` plus size, ETag and modification time, in one call to the backend."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the file now; a missing file or a malformed key is not an error."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Whether a file is stored under `key` (False for a malformed key)."""

    @abstractmethod
    def size(self, key: str) -> int:
        """The stored file's length in bytes; FileNotFoundError if absent."""
