"""With RATELIMIT_STORAGE_URI pointing at Redis, the login limit is counted in Redis.

Runs in a child process: Flask-Limiter keeps one storage per limiter, and the
suite's app must keep its own memory storage.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.services import REDIS_URL, missing, port_open

ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import sys
    from portal import create_app
    from portal.core.extensions import db, limiter

    app = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
        "RATELIMIT_STORAGE_URI": sys.argv[1],
        "RATELIMIT_AUTH": "3 per minute",
        "WTF_CSRF_ENABLED": False,
    })
    with app.app_context():
        db.create_all()
        limiter.reset()
    client = app.test_client()
    form = {"email": "a@example.org", "password": "x" * 12}
    codes = [client.post("/auth/login", data=form).status_code for _ in range(4)]
    print(" ".join(map(str, codes)))
    print(type(limiter.storage).__name__)
    """
)


def test_login_limit_is_counted_in_redis():
    if not port_open("127.0.0.1", 6379):
        missing("Redis", "nothing listens on 127.0.0.1:6379")
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHILD, REDIS_URL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    codes, storage = result.stdout.strip().splitlines()[-2:]
    assert codes.split()[-1] == "429"
    assert "429" not in codes.split()[:3]
    assert storage == "RedisStorage"
