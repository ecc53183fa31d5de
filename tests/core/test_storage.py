"""The storage interface: the same contract on the local folder and on an S3 bucket.

The S3 side talks to a real S3-compatible server (moto in server mode, on loopback).
"""

from __future__ import annotations

import logging
from io import BytesIO

import pytest

from portal.core import storage, uploads
from portal.core.storage import StorageError
from tests.core import s3
from tests.core import upload_samples as samples
from tests.core.test_uploads import upload
from tests.services import free_port

WELL_FORMED_ABSENT = "materials/" + "0" * 32


@pytest.fixture(scope="module")
def s3_endpoint():
    """One moto server for the module's tests (each gets its own bucket)."""
    with s3.s3_server() as endpoint:
        yield endpoint


@pytest.fixture(params=["local", "s3"])
def backend_name(request, app):
    """Run the test on the local folder, then on a bucket; the settings are restored after."""
    if request.param == "local":
        yield "local"
        return
    with s3.s3_backend(app, request.getfixturevalue("s3_endpoint"), prefix="portal/"):
        yield "s3"


@pytest.fixture
def backend(app, backend_name):
    """The app's storage backend inside an app context (the session is rolled back after)."""
    from portal.core.extensions import db

    with app.app_context():
        yield storage.current_storage()
        db.session.rollback()


@pytest.fixture
def bucket(app, s3_endpoint):
    """The app on S3 only, for the tests that read the bucket itself."""
    with s3.s3_backend(app, s3_endpoint) as bucket:
        yield bucket


# --- refused cases first ------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "materials",
        "materials/",
        "materials/../covers/" + "0" * 32,
        "../materials/" + "0" * 32,
        "/materials/" + "0" * 32,
        "Materials/" + "0" * 32,
        "materials/" + "0" * 31,
        "materials/" + "0" * 32 + "/x",
        "materials/" + "A" * 32,
        "materials/" + "0" * 31 + "\x00",
    ],
)
def test_a_key_we_could_not_have_made_reaches_no_backend(backend, key):
    with pytest.raises(FileNotFoundError):
        backend.open(key)
    with pytest.raises(FileNotFoundError):
        backend.download(key)
    with pytest.raises(FileNotFoundError):
        backend.size(key)
    assert backend.exists(key) is False
    backend.delete(key)  # a no-op, not an error


def test_an_absent_file_is_file_not_found_on_every_backend(backend):
    assert backend.exists(WELL_FORMED_ABSENT) is False
    for read in (backend.open, backend.download, backend.size):
        with pytest.raises(FileNotFoundError):
            read(WELL_FORMED_ABSENT)
    backend.delete(WELL_FORMED_ABSENT)


def test_unusable_settings_stop_the_app_at_start():
    from portal import ConfigurationError, create_app

    for overrides, message in (
        ({"STORAGE_BACKEND": "s3", "S3_BUCKET": None}, "needs S3_BUCKET"),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND must be one of local, s3"),
        ({"S3_ADDRESSING_STYLE": "sideways"}, "S3_ADDRESSING_STYLE"),
    ):
        with pytest.raises(ConfigurationError, match=message):
            create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": "sqlite://", **overrides})


def test_an_unreachable_bucket_is_a_storage_error_and_a_503_download(app, as_viewer):
    from tests import factories

    cohort = factories.space(title="Cohorte injoignable")
    people = factories.space_people(cohort)
    material = factories.material(cohort)  # on the local folder: the row exists
    dead = f"http://127.0.0.1:{free_port()}"
    saved = {key: app.config.get(key) for key in s3.STORAGE_SETTINGS}
    app.config.update(STORAGE_BACKEND="s3", S3_BUCKET="absent", S3_ENDPOINT_URL=dead)
    try:
        with app.test_request_context():
            with pytest.raises(StorageError):
                storage.current_storage().save("materials", BytesIO(b"x"))
        response = as_viewer(people["member"]).get(f"/materials/{material.id}/download")
        assert response.status_code == 503
    finally:
        app.config.update(saved)


def test_a_file_that_cannot_be_removed_after_commit_is_logged_not_raised(
    app, backend, monkeypatch, caplog
):
    from portal.core.extensions import db

    stored = uploads.save_upload(upload("notes.txt", samples.TEXT), "materials")
    db.session.commit()

    def refuse(key):
        raise StorageError("bucket unreachable")

    monkeypatch.setattr(backend, "delete", refuse)
    uploads.delete_after_commit("materials", stored.stored_name)
    with caplog.at_level(logging.ERROR, logger="portal.core.files_follow_transaction"):
        db.session.commit()  # the row's deletion stands; the orphan is reported
    assert "could not remove a stored file" in caplog.text


# --- what works ---------------------------------------------------------------


def test_a_round_trip_on_every_backend(backend):
    data = samples.pdf()
    stream = BytesIO(data)
    stream.seek(0, 2)  # the backend reads from the start, wherever the stream stands
    key = backend.save("materials", stream)
    domain, name = storage.split_key(key)
    assert domain == "materials" and len(name) == 32 and int(name, 16) >= 0
    assert backend.exists(key) and backend.size(key) == len(data)
    with backend.open(key) as handle:
        assert handle.read() == data
    blob = backend.download(key)
    try:
        assert (blob.size, blob.stream.read()) == (len(data), data)
        assert blob.etag and blob.modified is not None
    finally:
        blob.stream.close()
    backend.delete(key)
    assert not backend.exists(key)
    backend.delete(key)  # twice is fine


def test_two_saves_never_share_a_key(backend):
    keys = {backend.save("covers", BytesIO(b"same bytes")) for _ in range(5)}
    assert len(keys) == 5 and all(key.startswith("covers/") for key in keys)


def test_files_follow_the_transaction_on_every_backend(backend):
    from portal.core.extensions import db

    rolled_back = uploads.save_upload(upload("notes.txt", samples.TEXT), "materials")
    key = storage.make_key("materials", rolled_back.stored_name)
    assert backend.exists(key)
    db.session.rollback()
    assert not backend.exists(key)

    kept = uploads.save_upload(upload("notes.txt", samples.TEXT), "materials")
    db.session.commit()
    key = storage.make_key("materials", kept.stored_name)
    assert backend.exists(key)
    uploads.delete_after_commit("materials", kept.stored_name)
    db.session.rollback()  # the deletion of the row failed: the file stays
    assert backend.exists(key)
    uploads.delete_after_commit("materials", kept.stored_name)
    savepoint = db.session.begin_nested()
    savepoint.commit()  # a savepoint's commit is not the transaction's
    assert backend.exists(key)
    db.session.commit()
    assert not backend.exists(key)


def test_the_bucket_holds_neutral_objects_under_the_prefix(app, s3_endpoint):
    with s3.s3_backend(app, s3_endpoint, prefix="maillage/") as bucket, app.app_context():
        stored = uploads.save_upload(upload("carte.png", samples.png()), "covers")
        assert bucket.keys() == {f"maillage/covers/{stored.stored_name}"}
        head = bucket.client.head_object(
            Bucket=bucket.name, Key=f"maillage/covers/{stored.stored_name}"
        )
        # The bucket never decides how a file is shown: the portal serves it, after its check.
        assert head["ContentType"] == "application/octet-stream"
        assert bucket.read(f"maillage/covers/{stored.stored_name}") == samples.png()


def test_a_refused_file_never_reaches_the_bucket(app, bucket):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        with pytest.raises(uploads.UploadRefused):
            uploads.save_upload(upload("logo.svg", samples.SVG), "materials")
    assert bucket.keys() == set()


def test_the_backend_follows_the_settings_and_comes_back_when_they_are_restored(app, s3_endpoint):
    with app.app_context():
        local = storage.current_storage()
        assert local.name == "local" and storage.current_storage() is local
        with s3.s3_backend(app, s3_endpoint) as bucket:
            remote = storage.current_storage()
            assert remote.name == "s3" and remote.bucket == bucket.name
        assert storage.current_storage() is local
