"""Running behind a proxy and structured logs."""

import json
import logging

from portal.core.runtime import JSONFormatter


def make_app(**overrides):
    """A second app on an in-memory database (its connections close with it, on any DB run)."""
    from portal import create_app

    return create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": "sqlite://", **overrides})


def test_forwarded_headers_are_ignored_without_trusted_proxies(app):
    with app.test_request_context(
        "/", headers={"X-Forwarded-For": "203.0.113.9"}, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    ):
        from flask import request

        assert request.remote_addr == "127.0.0.1"


def test_one_trusted_proxy_gives_the_client_address_and_scheme(app):
    proxied = make_app(PROXY_FIX_HOPS=1)
    seen = {}

    @proxied.get("/_probe")
    def probe():
        from flask import request

        seen.update(remote=request.remote_addr, scheme=request.scheme)
        return "ok"

    response = proxied.test_client().get(
        "/_probe",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert response.status_code == 200
    assert seen == {"remote": "203.0.113.9", "scheme": "https"}
    with proxied.app_context():
        from portal.core.extensions import db

        db.engine.dispose()


def test_json_log_lines_carry_the_request(app):
    record = logging.LogRecord(
        "portal.test", logging.WARNING, __file__, 1, "hello %s", ("x",), None
    )
    with app.test_request_context("/allies", method="GET"):
        line = JSONFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "hello x" and entry["level"] == "WARNING"
    assert entry["path"] == "/allies" and entry["method"] == "GET"
