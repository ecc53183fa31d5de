"""gunicorn settings for production (`gunicorn -c gunicorn.conf.py wsgi:app`) and `make bench`.

Threaded workers (`gthread`): a request spends part of its time waiting for the
database, and threads let one process serve another request meanwhile without the
memory of a whole extra process. The default, one worker per core and 4 threads
each, gave the lowest p95 of 2x4, 3x4, 4x2 and 5x1 (workers x threads) in
bench/load.py on the 2-core reference machine, with throughput within the noise;
every value can be overridden by the environment (GUNICORN_WORKERS, GUNICORN_THREADS,
GUNICORN_BIND, GUNICORN_TIMEOUT, GUNICORN_ACCESSLOG, GUNICORN_CONTROL_SOCKET) or on
the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
#: A request longer than this is killed (an upload of MAX_UPLOAD_MB on a slow link fits).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
#: Behind the reverse proxy's keep-alive connections.
keepalive = 5
#: Recycle workers now and then (with jitter, not all at once) to bound slow memory growth.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10_000))
max_requests_jitter = 1_000
#: Access log on stdout for the log collector; errors on stderr.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
#: gunicorn 25.1+'s control socket (for `gunicornc`) is one path per user by default: each
#: instance needs its own when several run on one machine. Older versions ignore the name.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]


def post_worker_init(worker):
    """Compile the templates before the worker takes requests (see templating.warm_templates)."""
    from portal.core.templating import warm_templates

    warm_templates(worker.wsgi)
