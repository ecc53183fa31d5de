"""Materials and space covers on S3, through the real pages: upload, download, replace, delete.

STORAGE_BACKEND=s3 against a real S3-compatible server (moto in server mode, on loopback);
the local upload folder must stay untouched the whole time.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import factories
from tests.core import s3
from tests.core import upload_samples as samples
from tests.helpers import post_form


@pytest.fixture(scope="module")
def s3_endpoint():
    """One moto server for the module's tests."""
    with s3.s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(app, s3_endpoint):
    """The app stores its files in a fresh bucket during the test; the local folder must not
    change (checked after)."""
    root = Path(app.config["UPLOAD_ROOT"])
    before = {p for p in root.rglob("*") if p.is_file()}
    with s3.s3_backend(app, s3_endpoint, prefix="maillage/") as bucket:
        yield bucket
    assert {p for p in root.rglob("*") if p.is_file()} == before


@pytest.fixture
def cohort_people():
    """A cohort and one user per viewpoint."""
    cohort = factories.space(title=f"Cohorte S3 {factories.next_number()}")
    return cohort, factories.space_people(cohort)


def material_named(app, title: str):
    """The material titled `title`, detached, or None."""
    from portal.core.extensions import db
    from portal.materials.models import Material

    with app.app_context():
        found = db.session.scalar(select(Material).where(Material.title == title))
        if found is not None:
            db.session.expunge(found)
        return found


def post_file(client, slug: str, title: str, name: str, data: bytes):
    """The new-material form of space `slug`, with a file."""
    return post_form(
        client,
        f"/spaces/{slug}/materials/new",
        {"title": title, "visibility": "space", "file": (io.BytesIO(data), name)},
    )


# --- refused cases first ------------------------------------------------------


def test_strangers_get_no_byte_from_the_bucket(app, bucket, as_viewer, cohort_people):
    cohort, people = cohort_people
    secret = b"Budget confidentiel\n"
    material = factories.material(cohort, content=secret, filename="budget.txt")
    assert bucket.stored_names("materials") == {material.stored_name}
    for who in ("ally", "other_facilitator"):
        response = as_viewer(people[who]).get(f"/materials/{material.id}/download")
        assert response.status_code == 404 and secret not in response.get_data()
    anonymous = as_viewer(None).get(f"/materials/{material.id}/download")
    assert anonymous.status_code == 302 and secret not in anonymous.get_data()


def test_a_refused_upload_leaves_the_bucket_empty(app, bucket, as_viewer, cohort_people):
    cohort, people = cohort_people
    response = post_file(
        as_viewer(people["facilitator"]), cohort.slug, "Logo", "logo.svg", samples.SVG
    )
    assert response.status_code == 200
    assert "Web pages and SVG images are not accepted" in response.get_data(as_text=True)
    assert bucket.keys() == set() and material_named(app, "Logo") is None


def test_an_object_gone_from_the_bucket_is_a_404(app, bucket, as_viewer, cohort_people):
    cohort, people = cohort_people
    material = factories.material(cohort)
    bucket.client.delete_object(
        Bucket=bucket.name, Key=f"maillage/materials/{material.stored_name}"
    )
    response = as_viewer(people["member"]).get(f"/materials/{material.id}/download")
    assert response.status_code == 404


# --- what works ---------------------------------------------------------------


def test_upload_download_replace_and_delete_through_the_pages(
    app, bucket, as_viewer, cohort_people
):
    cohort, people = cohort_people
    facilitator, member = as_viewer(people["facilitator"]), as_viewer(people["member"])
    data = samples.pdf()

    response = post_file(facilitator, cohort.slug, "Synthèse S3", "Synthèse.pdf", data)
    assert response.status_code == 302
    material = material_named(app, "Synthèse S3")
    assert bucket.stored_names("materials") == {material.stored_name}
    assert bucket.read(f"maillage/materials/{material.stored_name}") == data

    download = member.get(f"/materials/{material.id}/download")
    body = download.get_data()
    download.close()
    assert download.status_code == 200 and body == data
    headers = download.headers
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert "private" in headers["Cache-Control"]
    assert int(headers["Content-Length"]) == len(data)

    replacement = samples.ooxml("docx")
    response = post_form(
        facilitator,
        f"/materials/{material.id}/edit",
        {
            "title": "Synthèse S3",
            "visibility": "space",
            "file": (io.BytesIO(replacement), "synthese-v2.docx"),
        },
    )
    assert response.status_code == 302
    replaced = material_named(app, "Synthèse S3")
    assert bucket.stored_names("materials") == {replaced.stored_name} != {material.stored_name}
    download = member.get(f"/materials/{material.id}/download")
    assert download.get_data() == replacement
    download.close()

    response = post_form(facilitator, f"/materials/{material.id}/delete")
    assert response.status_code == 302
    assert material_named(app, "Synthèse S3") is None
    assert bucket.keys() == set()


def test_byte_ranges_and_revalidation_work_from_the_bucket(app, bucket, as_viewer, cohort_people):
    cohort, people = cohort_people
    data = samples.CSV
    material = factories.material(cohort, content=data, filename="communes.csv")
    member = as_viewer(people["member"])
    url = f"/materials/{material.id}/download"

    part = member.get(url, headers={"Range": "bytes=0-7"})
    assert part.status_code == 206 and part.get_data() == data[:8]
    assert part.headers["Content-Range"] == f"bytes 0-7/{len(data)}"
    part.close()

    full = member.get(url)
    etag = full.headers["ETag"]
    full.close()
    again = member.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""


def test_a_space_cover_lives_in_the_bucket_and_goes_when_removed(app, bucket, as_viewer):
    from portal.core.extensions import db
    from portal.spaces import services
    from portal.spaces.models import Space

    cohort = factories.space(title="Cohorte avec couverture")
    people = factories.space_people(cohort)
    with app.app_context():
        space = db.session.get(Space, cohort.id)
        services.set_cover_image(space, s3_upload("couverture.png", samples.png()))
        db.session.commit()
        stored = space.cover_image
    assert bucket.stored_names("covers") == {stored}
    response = as_viewer(people["member"]).get(f"/spaces/{cohort.slug}/cover")
    assert response.status_code == 200 and response.get_data() == samples.png()
    response.close()

    with app.app_context():
        space = db.session.get(Space, cohort.id)
        services.remove_cover_image(space)
        db.session.rollback()  # not saved: the image stays
        assert bucket.stored_names("covers") == {stored}
        space = db.session.get(Space, cohort.id)
        services.remove_cover_image(space)
        db.session.commit()
    assert bucket.keys() == set()


def s3_upload(name: str, data: bytes):
    """A file as a form would send it."""
    from werkzeug.datastructures import FileStorage

    return FileStorage(stream=io.BytesIO(data), filename=name)
