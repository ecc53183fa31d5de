"""The portal served by a real gunicorn with the production configuration, on loopback.

Used by the load benchmark (bench/load.py) and by the several-machines test, which
starts two of them over one database: `gunicorn(port, settings, workdir)` serves
`wsgi:app` with gunicorn.conf.py until the block ends and yields its base URL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Settings of the caller's environment that would reach out of the machine: dropped.
OUTSIDE_SERVICES = ("CELERY_BROKER_URL", "MAIL_SERVER")


def production_environment(port: int, settings: dict[str, str]) -> dict[str, str]:
    """The environment of a production gunicorn on 127.0.0.1:`port`, with `settings` on top.

    `settings` must name at least SECRET_KEY and DATABASE_URL.
    """
    base = {k: v for k, v in os.environ.items() if k not in OUTSIDE_SERVICES}
    return {
        **base,
        "PORTAL_ENV": "production",
        # Plain HTTP on loopback: the cookies must travel without TLS.
        "SESSION_COOKIE_SECURE": "0",
        "PORTAL_INPROCESS_WORKER": "0",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        **settings,
    }


@contextmanager
def gunicorn(port: int, settings: dict[str, str], workdir: Path, name: str = "gunicorn"):
    """gunicorn on 127.0.0.1:`port` until the block ends; its log is `workdir`/`name`.log."""
    log_path = workdir / f"{name}.log"
    # Its own control socket: two instances on this machine must not share the default one.
    control = str(workdir / f"{name}.ctl")
    log = log_path.open("w")
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and config
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"],
        cwd=ROOT,
        env=production_environment(port, {"GUNICORN_CONTROL_SOCKET": control, **settings}),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Poll /healthz until it answers 200; fail with gunicorn's log if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{log.read_text()}")
