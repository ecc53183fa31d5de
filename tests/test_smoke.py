"""The application starts, answers, and sets its security headers."""


def test_home_answers_with_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_login_fixture_opens_a_real_login(client, login_as):
    user = login_as("admin")
    assert user.role == "admin"


def test_production_without_secret_key_stops_with_one_line(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(PORTAL_ENV="production", PORTAL_INSTANCE_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", "import wsgi"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1  # one line, no traceback
    assert "SECRET_KEY" in result.stderr
