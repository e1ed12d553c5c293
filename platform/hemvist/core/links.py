"""Absolute links for e-mails, always under ``HEMVIST_BASE_URL``.

Never taken from the request's Host header: a forged header would otherwise put an attacker's host into
a sign-in link mailed to a landlord. Also works outside requests (the digest's cron job).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import current_app

UrlBuilder = Callable[..., str]


def url_builder(base_url: str) -> UrlBuilder:
    """``build(endpoint, **values)``: absolute URLs under ``base_url``."""
    parts = urlsplit(base_url)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path.rstrip("/") or "/", url_scheme=parts.scheme or "http"
    )
    return lambda endpoint, **values: adapter.build(endpoint, values, force_external=True)


def external_url(endpoint: str, **values) -> str:
    return url_builder(current_app.config["BASE_URL"])(endpoint, **values)
