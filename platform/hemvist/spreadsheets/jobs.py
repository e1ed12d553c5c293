"""Running the check or the import of an upload in a thread of the web process, so no request times out.

Measured with an XLSX of 20 000 rows on a 2-core machine: reading it when it is uploaded takes 2.8 s (done
in the request, which also rejects files that are too big or unreadable at once); checking every row 4.6 s;
importing 30 s on SQLite and 67 s on PostgreSQL, since ``create_landlord`` flushes each landlord with its
contact person, stage change and history entry (1.5–3.3 ms a row). That is beyond gunicorn's 30 s request
timeout, and chunks spread over several requests would break the import's single transaction. A thread
per job is enough (imports are rare, a few a month per municipality); a job queue would need a broker
and a worker process for that alone.

The thread binds a session of its own to the municipality (``bound``), and whatever goes wrong marks the
upload as failed, in a fresh session since the failed one is rolled back. A process that dies mid-job
leaves the upload "running"; ``queries.is_stale`` notices that and the person can start again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flask import Flask, g, has_request_context
from flask_babel import force_locale

from hemvist.extensions import db
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.spreadsheets")

# Jobs running at once in one process; more wait their turn (a job is mostly CPU, and the GIL is shared).
MAX_RUNNING = 2

_slots = threading.BoundedSemaphore(MAX_RUNNING)
_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()

Work = Callable[[Tenant, int], None]
OnFailure = Callable[[Tenant, int, BaseException], None]


def start(app: Flask, tenant: Tenant, upload_id: int, work: Work, on_failure: OnFailure, locale: str) -> None:
    """Run ``work(tenant, upload_id)`` in a new thread; on an exception, ``on_failure`` records it.

    ``locale`` is the language in which anything the work translates eagerly is written.
    """
    request_id = g.get("request_id", "-") if has_request_context() else "-"
    # The request's ``current_tenant`` is a proxy to the request's globals, which the thread cannot see.
    tenant = tenant._get_current_object() if hasattr(tenant, "_get_current_object") else tenant
    thread = threading.Thread(
        target=_run,
        args=(app, tenant, upload_id, work, on_failure, locale, request_id),
        name=f"hemvist-spreadsheet-{tenant.slug}-{upload_id}",
    )
    with _threads_lock:
        _threads.add(thread)
    thread.start()


def _run(app, tenant, upload_id, work, on_failure, locale, request_id) -> None:
    context = {"request_id": request_id, "tenant": tenant.slug}
    try:
        with _slots, app.app_context(), force_locale(locale):
            try:
                with bound(db.session, tenant.schema):
                    work(tenant, upload_id)
            except Exception as error:
                log.exception("spreadsheet job on upload %s failed", upload_id, extra=context)
                with bound(db.session, tenant.schema):
                    on_failure(tenant, upload_id, error)
    except Exception:
        # Even the failure could not be recorded (the database is away): the upload turns stale instead.
        log.exception("spreadsheet job on upload %s could not record its failure", upload_id, extra=context)
    finally:
        with _threads_lock:
            _threads.discard(threading.current_thread())


def wait_for_all(timeout: float = 120) -> bool:
    """Wait for the running jobs to end (the tests do, before their database goes); False if some still run."""
    with _threads_lock:
        running = list(_threads)
    for thread in running:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in running)
