"""gunicorn's settings for the review desk: `gunicorn` (run from the project folder) reads
this file. Each value can be overridden from the environment (GUNICORN_*)."""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


wsgi_app = "config.wsgi:application"

# Load the application once in the master and fork the workers from it (see when_ready):
# a worker that replaces a recycled one starts in milliseconds instead of ~0.6 s of CPU.
# The price: a code change needs a restart, not a HUP (the README's deploy section says so).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# gunicorn's own rule of thumb, (2 × cores) + 1 sync workers: each request is short (reads
# take no lock, long work runs in the task worker), so more workers serve more editors.
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 1)

# The longest request left in a request: a revision upload or the review page of the largest
# story the import accepts (seconds, measured in the README); imports, checks and exports
# of big stories are background jobs and have no timeout. 30 s (gunicorn's default) killed
# those requests mid-way.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5

# Recycle each worker after about a thousand requests (jitter: not all at once), so a slow
# leak in any library never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Heartbeat files in memory, not on a disk that may be slow or full.
if os.path.isdir("/dev/shm"):  # noqa: S108 (gunicorn's own advice; files are private)
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# The proxy on this machine may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    """In the master, before the first fork: compile the templates, build the URL patterns,
    read the checks' word lists (review.warmup), then freeze it all out of the garbage
    collector, so that the workers share those pages instead of copying them."""
    if not preload_app:
        return
    import gc

    from django.db import connections

    from review.warmup import warm

    loaded = warm()
    connections.close_all()  # a connection made before the fork would be every worker's
    server.log.info(
        "Warmed before forking: %(templates)s templates, %(url_patterns)s URL patterns", loaded
    )
    gc.collect()
    gc.freeze()


def post_worker_init(worker):
    """Garbage collection sized for a request's burst of short-lived objects.

    A request builds tens of thousands of objects (querysets, model rows, template nodes),
    and with Python's default first threshold (2,000) the collector ran many times per
    request and walked the whole loaded application each time it reached the oldest
    generation. The application's own objects are frozen after it has loaded (never scanned
    again), and collections wait for more allocations: about 5% less CPU per request,
    measured in benchmarks/load.py's mix. Reference cycles are still collected; memory stays
    bounded by `max_requests`, which recycles each worker."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(
        _int("GUNICORN_GC_THRESHOLD", 50_000),
        20,
        100,
    )
