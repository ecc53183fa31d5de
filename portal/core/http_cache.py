"""Conditional GET for downloads that change rarely (open data): ETag, Last-Modified,
Cache-Control, and 304 Not Modified when the client already holds the same version.

The ETag is a hash of the body, so it is right whatever changed; Last-Modified is the
caller's stamp (the newest change it knows of), for clients that only send
If-Modified-Since. Werkzeug's `make_conditional` compares both with the request.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from flask import Response, request

#: Seconds a browser or a proxy may reuse a download without asking again.
DEFAULT_MAX_AGE = 300


def etag_of(body: bytes) -> str:
    """A strong entity tag for `body` (its SHA-256, shortened)."""
    return hashlib.sha256(body).hexdigest()[:32]


def cached_response(
    body: bytes | str,
    *,
    mimetype: str,
    last_modified: datetime | None,
    max_age: int = DEFAULT_MAX_AGE,
    headers: dict | None = None,
) -> Response:
    """A public, cacheable response of `body`: 304 without a body when the request's
    If-None-Match or If-Modified-Since shows the client already has it."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    response = Response(data, mimetype=mimetype, headers=headers)
    response.set_etag(etag_of(data))
    if last_modified is not None:
        if last_modified.tzinfo is None:
            last_modified = last_modified.replace(tzinfo=UTC)
        # HTTP dates have whole seconds: a fraction would make every If-Modified-Since older.
        response.last_modified = last_modified.replace(microsecond=0)
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response.make_conditional(request)
