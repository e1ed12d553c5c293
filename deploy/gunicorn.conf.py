"""Gunicorn settings for Hemvist behind nginx.

    gunicorn -c deploy/gunicorn.conf.py 'hemvist:create_app()'

Everything can be changed from the environment (deploy/hemvist.env.example): PORT and HOST for the
socket, WEB_CONCURRENCY for the number of workers, FORWARDED_ALLOW_IPS for which proxies may say
"this was HTTPS" (read by gunicorn itself), HEMVIST_PROXY_HOPS for how many proxies stand in front, and
HEMVIST_LOG_LEVEL, shared with the application. The application reads its own HEMVIST_* settings.

Gunicorn silently ignores a misspelt setting in this file; tests/test_deploy.py checks every name.
"""

from __future__ import annotations

import gc
import os


def _usable_cores() -> int:
    # sched_getaffinity honours taskset and cgroup cpusets; cpu_count would count the whole host.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# nginx on the same host talks to 127.0.0.1; nothing else should reach gunicorn directly.
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]

# Synchronous workers behind a buffering nginx, as gunicorn's documentation recommends: nginx absorbs
# slow clients, and a request mostly waits for the database. (2 × cores) + 1 gives 5 on 2 cores. Each
# worker holds its own SQLAlchemy pool (5 connections + 10 overflow by default), so 5 workers may open up
# to 75 PostgreSQL connections: PostgreSQL's default max_connections is 100 (or use PgBouncer).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _usable_cores() + 1))
worker_class = "sync"

# Each worker builds its own application: an engine or connection made before forking would be shared by
# every worker. It costs a little memory and start-up time, and HUP then loads new code.
preload_app = False

# A request that takes longer than this is killed (the worker is replaced); the slowest pages take
# well under a second. Graceful stops give running requests the same time.
timeout = 30
graceful_timeout = 30
# Replaces each worker now and then, so that a slow leak never grows; the jitter keeps them from all
# restarting at once.
max_requests = 1000
max_requests_jitter = 100
# The heartbeat file: on tmpfs, so that a slow disk cannot make a worker look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

proc_name = "hemvist"
# systemd manages the process (HUP reloads, see hemvist.service); gunicorn 25.1's control socket would
# otherwise be created in the service user's home directory.
control_socket_disable = True

# Logs go to stdout/stderr, i.e. to journald under systemd. The application's own lines carry
# "[request=<id> tenant=<slug>]"; the access log carries the same request id (the response header the
# application sets, from nginx's X-Request-ID or a fresh one), so the two can be joined. %(h)s would be
# nginx's address, so the client comes from X-Forwarded-For; %(M)s is the duration in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("HEMVIST_LOG_LEVEL", "info").lower()
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms request=%({x-request-id}o)s "%(f)s" "%(a)s"'


def post_worker_init(worker) -> None:
    # The application is loaded now and lives as long as the worker. Frozen, it leaves the collector's
    # generations, so a full collection walks only what requests allocate: otherwise a page that reads a
    # few thousand rows (matching) sets off a collection over the whole application, 80–120 ms here.
    gc.collect()
    gc.freeze()
