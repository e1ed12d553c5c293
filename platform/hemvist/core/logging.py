"""Log lines that say which request and which municipality they belong to."""

from __future__ import annotations

import logging
import re
import uuid

from flask import Flask, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
FORMAT = "%(asctime)s %(levelname)s %(name)s [request=%(request_id)s tenant=%(tenant)s] %(message)s"


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``tenant`` (the municipality's slug, or ``-``) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request_id = g.get("request_id", "-")
            tenant = g.get("tenant")
            record.tenant = tenant.slug if tenant is not None else "-"
        else:
            record.request_id = getattr(record, "request_id", "-")
            record.tenant = getattr(record, "tenant", "-")
        return True


def init_app(app: Flask) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("hemvist")
    if not any(isinstance(f, RequestContextFilter) for h in logger.handlers for f in h.filters):
        logger.addHandler(handler)
    logger.setLevel(app.config["LOG_LEVEL"])
    logger.propagate = False

    @app.before_request
    def assign_request_id():
        # A proxy's id is kept so that its logs and ours can be joined; anything odd gets a fresh one.
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex

    @app.after_request
    def echo_request_id(response):
        if "request_id" in g:
            response.headers[REQUEST_ID_HEADER] = g.request_id
        return response
