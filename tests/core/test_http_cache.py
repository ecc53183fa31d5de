"""cached_response: ETag from the body, Last-Modified in whole seconds, 304 when unchanged."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.core.http_cache import cached_response, etag_of

STAMP = datetime(2026, 3, 1, 8, 15, 42, 987654, tzinfo=UTC)


def respond(app, headers=None, body="a,b\n", method="GET"):
    with app.test_request_context("/x", method=method, headers=headers or {}):
        return cached_response(body, mimetype="text/csv", last_modified=STAMP, max_age=60)


def test_a_fresh_request_gets_the_body_and_its_validators(app):
    response = respond(app)
    assert response.status_code == 200 and response.get_data() == b"a,b\n"
    expected = etag_of(b"a,b\n")
    assert response.headers["ETag"] == f'"{expected}"'
    assert response.headers["Last-Modified"] == "Sun, 01 Mar 2026 08:15:42 GMT"
    assert response.headers["Cache-Control"] in ("public, max-age=60", "max-age=60, public")


def test_the_same_etag_or_a_date_not_older_answers_304(app):
    etag = respond(app).headers["ETag"]
    assert respond(app, {"If-None-Match": etag}).status_code == 304
    assert respond(app, {"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert respond(app, {"If-Modified-Since": "Sun, 01 Mar 2026 08:15:42 GMT"}).status_code == 304
    assert respond(app, {"If-Modified-Since": "Sun, 01 Mar 2026 08:15:41 GMT"}).status_code == 200


def test_another_body_is_another_etag(app):
    etag = respond(app).headers["ETag"]
    assert respond(app, {"If-None-Match": etag}, body="a,b\n1,2\n").status_code == 200


def test_a_head_request_is_conditional_too(app):
    etag = respond(app).headers["ETag"]
    assert respond(app, {"If-None-Match": etag}, method="HEAD").status_code == 304
