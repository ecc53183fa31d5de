"""Files in an S3-compatible bucket (AWS S3, MinIO, Garage, Scaleway…), through boto3.

The bucket stays private: files are streamed through the portal after its permission
check, never linked to directly. Credentials come from boto3's standard chain
(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role), never from
the portal's settings.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import BinaryIO

from portal.core.storage.base import Blob, Storage, StorageError, new_key, split_key

#: Error codes S3 and its look-alikes answer for an absent object.
_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3Storage(Storage):
    """s3://<bucket>/<prefix><domain>/<random name>."""

    name = "s3"

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        prefix: str = "",
        addressing_style: str = "auto",
    ):
        if not bucket:
            raise ValueError("S3 storage needs a bucket name (S3_BUCKET)")
        self.bucket = bucket
        self.prefix = prefix
        self._client_options = {
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "addressing_style": addressing_style or "auto",
        }
        self._client = None

    @property
    def client(self):
        """The boto3 client, made on first use (boto3 clients are thread-safe)."""
        if self._client is None:
            import boto3
            from botocore.config import Config

            options = dict(self._client_options)
            style = options.pop("addressing_style")
            self._client = boto3.session.Session().client(
                "s3",
                config=Config(
                    s3={"addressing_style": style},
                    retries={"max_attempts": 3, "mode": "standard"},
                    connect_timeout=5,
                    read_timeout=30,
                ),
                **options,
            )
        return self._client

    def object_name(self, key: str) -> str:
        """The object's name in the bucket; FileNotFoundError for a malformed key."""
        split_key(key)
        return self.prefix + key

    def save(self, domain: str, stream: BinaryIO) -> str:
        key = new_key(domain)
        stream.seek(0)
        with _backend_errors(key):
            # An S3 object appears whole or not at all: no temporary name needed. The type
            # is neutral: the portal decides what it serves, the bucket never does.
            self.client.upload_fileobj(
                stream,
                self.bucket,
                self.object_name(key),
                ExtraArgs={"ContentType": "application/octet-stream"},
            )
        return key

    def _get(self, key: str) -> dict:
        name = self.object_name(key)
        with _backend_errors(key):
            return self.client.get_object(Bucket=self.bucket, Key=name)

    def open(self, key: str) -> BinaryIO:
        return self._get(key)["Body"]

    def download(self, key: str) -> Blob:
        answer = self._get(key)
        return Blob(
            stream=answer["Body"],
            size=answer["ContentLength"],
            etag=answer.get("ETag", "").strip('"') or key,
            modified=answer.get("LastModified"),
        )

    def delete(self, key: str) -> None:
        try:
            name = self.object_name(key)
        except FileNotFoundError:
            return
        with _backend_errors(key):
            self.client.delete_object(Bucket=self.bucket, Key=name)  # absent: fine in S3

    def _head(self, key: str) -> dict:
        name = self.object_name(key)
        with _backend_errors(key):
            return self.client.head_object(Bucket=self.bucket, Key=name)

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except FileNotFoundError:
            return False
        return True

    def size(self, key: str) -> int:
        return self._head(key)["ContentLength"]


@contextmanager
def _backend_errors(key: str):
    """Translate botocore errors: an absent object is FileNotFoundError, the rest StorageError."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in _MISSING:
            raise FileNotFoundError(key) from error
        raise StorageError(f"S3 refused {key}: {code}") from error
    except (BotoCoreError, Boto3Error) as error:
        raise StorageError(f"S3 unreachable for {key}: {error}") from error
