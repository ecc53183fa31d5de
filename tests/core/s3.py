"""A real S3-compatible server for the tests: moto in server mode, on loopback.

`s3_server()` starts it with throwaway credentials in the AWS_* variables (restored
after); `s3_backend(app, endpoint)` creates a fresh bucket and points the app's storage
at it until the block ends, then restores the app's settings (the `app` fixture is
shared by the whole session). Other packages (the several-machines test) may use both.
"""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass

from tests.services import free_port

#: Throwaway credentials: boto3's standard chain reads them, as in production.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "maillage-test",
    "AWS_SECRET_ACCESS_KEY": "maillage-test-secret",
    "AWS_DEFAULT_REGION": "eu-west-3",
    "AWS_EC2_METADATA_DISABLED": "true",
}
#: The settings `s3_backend` changes and restores.
STORAGE_SETTINGS = (
    "STORAGE_BACKEND",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "S3_PREFIX",
    "S3_ADDRESSING_STYLE",
)


@contextmanager
def environment(values: dict[str, str]):
    """Set environment variables for the block, then put back what was there."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def s3_server():
    """A moto S3 server on a free loopback port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    with environment(CREDENTIALS):
        server.start()
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.stop()


@dataclass
class Bucket:
    """The test's bucket, read with a client of its own (not the portal's)."""

    client: object
    name: str
    prefix: str = ""

    def keys(self) -> set[str]:
        """Every object name in the bucket."""
        answer = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in answer.get("Contents", [])}

    def read(self, key: str) -> bytes:
        """The bytes of object `key`."""
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def stored_names(self, domain: str) -> set[str]:
        """The stored names (without prefix and domain) of `domain`'s objects."""
        start = f"{self.prefix}{domain}/"
        return {key[len(start) :] for key in self.keys() if key.startswith(start)}


@contextmanager
def s3_backend(app, endpoint: str, *, prefix: str = ""):
    """Point `app`'s storage at a new bucket of `endpoint` for the block; yields the Bucket."""
    import boto3

    region = CREDENTIALS["AWS_DEFAULT_REGION"]
    client = boto3.client("s3", endpoint_url=endpoint, region_name=region)
    name = f"maillage-{secrets.token_hex(6)}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    saved = {key: app.config.get(key) for key in STORAGE_SETTINGS}
    app.config.update(
        STORAGE_BACKEND="s3",
        S3_BUCKET=name,
        S3_ENDPOINT_URL=endpoint,
        S3_REGION=region,
        S3_PREFIX=prefix,
        S3_ADDRESSING_STYLE="path",
    )
    try:
        yield Bucket(client, name, prefix)
    finally:
        app.config.update(saved)
