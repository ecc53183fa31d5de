"""Files in a folder of the machine (UPLOAD_ROOT): the default, and today's behaviour.

One sub-folder per domain, outside static/. For several web machines, the folder must be
shared (NFS…) or the S3 backend used instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from portal.core.storage.base import Blob, Storage, StorageError, new_key, split_key

_COPY_BUFFER = 1024 * 1024


class LocalStorage(Storage):
    """UPLOAD_ROOT/<domain>/<random name>."""

    name = "local"

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()

    def path(self, key: str) -> Path:
        """The file of `key`; FileNotFoundError for a malformed key or one leaving its folder.

        The resolved path must stay in the domain's folder, so a symbolic link planted
        there cannot lead elsewhere on the disk.
        """
        domain, name = split_key(key)
        folder = self.root / domain
        path = (folder / name).resolve()
        if not path.is_relative_to(folder):
            raise FileNotFoundError(key)
        return path

    def save(self, domain: str, stream: BinaryIO) -> str:
        key = new_key(domain)
        final = self.path(key)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            # Write to a temporary name and rename: a reader never sees half a file.
            handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=".partial-")
        except OSError as error:
            raise StorageError(f"cannot write under {final.parent}: {error}") from error
        try:
            with os.fdopen(handle, "wb") as target:
                stream.seek(0)
                shutil.copyfileobj(stream, target, _COPY_BUFFER)
            os.replace(temporary, final)
        except BaseException as error:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise StorageError(f"cannot write {final}: {error}") from error
            raise
        return key

    def open(self, key: str) -> BinaryIO:
        path = self.path(key)
        if not path.is_file():
            raise FileNotFoundError(key)
        return path.open("rb")

    def download(self, key: str) -> Blob:
        stream = self.open(key)
        status = os.fstat(stream.fileno())
        return Blob(
            stream=stream,
            size=status.st_size,
            etag=f"{status.st_mtime_ns:x}-{status.st_size:x}",
            modified=status.st_mtime,
        )

    def delete(self, key: str) -> None:
        try:
            self.path(key).unlink(missing_ok=True)
        except (FileNotFoundError, IsADirectoryError):
            return

    def exists(self, key: str) -> bool:
        try:
            return self.path(key).is_file()
        except FileNotFoundError:
            return False

    def size(self, key: str) -> int:
        path = self.path(key)
        if not path.is_file():
            raise FileNotFoundError(key)
        return path.stat().st_size
