"""What operators rely on: the health check and log lines that say which request and municipality."""

from __future__ import annotations

import logging

from hemvist import create_app
from hemvist.core.access import public
from hemvist.core.logging import RequestContextFilter


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_check_answers_503_when_the_database_is_gone(app_overrides, tmp_path):
    broken = create_app(
        {**app_overrides, "DATABASE_URL": f"sqlite:///file:{tmp_path}/missing/db.sqlite?mode=rw&uri=true"}
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(RequestContextFilter())
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def test_log_lines_carry_the_request_id_and_the_municipality(login):
    capture = Capture()
    logger = logging.getLogger("hemvist")
    logger.addHandler(capture)
    try:
        client = login("unit_admin_a")
        response = client.submit(
            "/varnamo/quotas/new", {"year": "2031", "persons": "44"}, headers={"X-Request-ID": "req-1234-abcd"}
        )
    finally:
        logger.removeHandler(capture)
    assert response.status_code == 302
    assert response.headers["X-Request-ID"] == "req-1234-abcd"
    saved = [r for r in capture.records if "quota 2031" in r.getMessage()]
    assert len(saved) == 1
    assert (saved[0].request_id, saved[0].tenant) == ("req-1234-abcd", "varnamo")


def test_an_odd_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert response.headers["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(response.headers["X-Request-ID"]) == 32


def test_an_unexpected_error_gives_the_translated_500_page(app_overrides):
    app = create_app(app_overrides)

    @public
    def explode():
        raise RuntimeError("boom")

    app.view_functions["core.landing"] = explode
    response = app.test_client().get("/?lang=en", headers={"X-Request-ID": "req-5000-abcd"})
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "give this reference: req-5000-abcd" in page


def test_an_oversized_request_gets_413(client):
    response = client.http.post("/login?lang=en", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Too much data" in response.get_data(as_text=True)


def test_behind_a_proxy_the_rate_limit_counts_the_real_client(app_overrides):
    app = create_app({**app_overrides, "PROXY_HOPS": 1, "LOGIN_RATE_LIMIT": "2 per minute"})
    from tests.conftest import Client

    client = Client(app.test_client())
    mallory = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(2):
        client.submit("/login", {"email": "x@example.se", "password": "nope"}, headers=mallory)
    assert client.submit("/login", {"email": "x@example.se", "password": "nope"}, headers=mallory).status_code == 429
    anna = {"X-Forwarded-For": "198.51.100.4"}
    assert client.submit("/login", {"email": "x@example.se", "password": "nope"}, headers=anna).status_code == 200


def test_prepared_statements_can_be_turned_off_for_pgbouncer(app_overrides):
    app = create_app(
        {**app_overrides, "DATABASE_URL": "postgresql+psycopg://h@127.0.0.1/h", "DATABASE_PREPARED_STATEMENTS": False}
    )
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"prepare_threshold": None}
    default = create_app({**app_overrides, "DATABASE_URL": "postgresql+psycopg://h@127.0.0.1/h"})
    assert "connect_args" not in default.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
