"""The health check tells load balancers whether the database answers."""

import pytest


def test_healthz_is_ok_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


@pytest.fixture
def app_without_database(tmp_path):
    """An app whose database cannot be reached (nothing listens on port 1)."""
    from portal import create_app
    from portal.core.extensions import db

    broken = create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
            "MAIL_FILE_DIR": str(tmp_path),
        },
    )
    yield broken
    with broken.app_context():
        db.engine.dispose()


def test_healthz_answers_503_json_when_the_database_is_down(app_without_database):
    response = app_without_database.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/json"
    assert response.json == {"status": "error", "database": "unreachable"}


def test_healthz_needs_no_session_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert "Set-Cookie" not in response.headers
