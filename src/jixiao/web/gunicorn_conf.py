"""Serving the web app with gunicorn: ``gunicorn -c python:jixiao.web.gunicorn_conf jixiao.web.wsgi:application``.

Every slow path of a request has its own limit, and the worker's limit is the last of them: a file is read in a
child bounded to :data:`~jixiao.io.limits.MAX_READ_SECONDS`; a database statement to ``JIXIAO_DB_STATEMENT_TIMEOUT``
and a wait for a row lock to ``JIXIAO_DB_LOCK_TIMEOUT`` (settings); a worker busy past :data:`timeout` on one
request — whatever it is doing — is killed and replaced, and its database session ends, so its locks go with it.
Environment: ``JIXIAO_BIND`` (127.0.0.1:8000), ``JIXIAO_WORKERS`` (2 per core + 1), ``JIXIAO_WORKER_TIMEOUT``.
"""

from __future__ import annotations

import os

from jixiao.io.limits import MAX_READ_SECONDS

bind = os.environ.get("JIXIAO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("JIXIAO_WORKERS", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"  # one request per worker: the timeout below then bounds each request
#: Seconds one request may take before its worker is killed: a file read to its limit, and a margin to answer.
timeout = int(os.environ.get("JIXIAO_WORKER_TIMEOUT", MAX_READ_SECONDS + 30))
graceful_timeout = 30
#: A worker is replaced after this many requests, so memory a library never gave back does not pile up.
max_requests = 500
max_requests_jitter = 50
limit_request_line = 8190
limit_request_fields = 100
#: ``X-Forwarded-Proto`` is believed from the HTTPS proxy only (the same list as the login limit's).
forwarded_allow_ips = os.environ.get("JIXIAO_TRUSTED_PROXIES", "127.0.0.1")
accesslog = "-"
#: The settings above that bound a request, which ``jixiao serve`` applies too.
LIMITS = (
    "worker_class",
    "timeout",
    "graceful_timeout",
    "max_requests",
    "max_requests_jitter",
    "limit_request_line",
    "limit_request_fields",
)
