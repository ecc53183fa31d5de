"""How the process runs behind a proxy and how it logs.

- Behind a reverse proxy (nginx, a load balancer) the client's address and scheme arrive in
  X-Forwarded-* headers. `PROXY_FIX_HOPS` says how many proxies to trust (0 = none, the
  default, so a direct client cannot forge its address and dodge the login rate limit).
- `LOG_FORMAT=json` writes one JSON object per line (time, level, logger, message, and the
  request's method, path and remote address when there is one) for log collectors;
  the default is readable text.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from flask import Flask, has_request_context, request
from werkzeug.middleware.proxy_fix import ProxyFix


class JSONFormatter(logging.Formatter):
    """One JSON object per record, with the request when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry.update(method=request.method, path=request.path, remote=request.remote_addr)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(app: Flask) -> None:
    """Text logs by default, JSON lines with LOG_FORMAT=json; the portal's own at INFO."""
    root = logging.getLogger()
    if app.config.get("LOG_FORMAT") == "json":
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JSONFormatter())
        root.handlers[:] = [handler]
        root.setLevel(logging.WARNING)
    else:
        logging.basicConfig(level=logging.WARNING)
    logging.getLogger("portal").setLevel(logging.INFO)


def trust_proxies(app: Flask) -> None:
    """Read the client's address, scheme and host from the trusted proxies' headers."""
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )
