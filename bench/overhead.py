"""What tenancy costs a request: a municipality's page against a comparable page of the shared schema.

The tenant page is the quota list, ``/<slug>/quotas/``, taken in turn in each of the coordinator's
municipalities: the slug is resolved on a connection of its own, the session is bound to the schema (on
SQLite the municipality's file is attached to the connection and detached when it goes back to the pool),
the user and the membership are loaded, and the quotas are read and rendered in the workspace layout.

The baseline is ``/home`` for the same coordinator, who belongs to both municipalities and therefore
gets the picker: the same user loading and base layout, a list of two items rendered (the quota page
shows two years), and nothing of tenancy. It is the shared-schema page doing the most comparable work:
the landing page would skip the user, the login page the database. It is not identical, and each run
counts and reports the queries and connection checkouts of both pages, so that the reader sees how far
they differ (they move as features change the pages).

Because the pages differ in content, the figure held to a target is not their throughput ratio but the
parts of tenancy timed on their own, against the baseline's time per request: the slug lookup
(``find_tenant``, on a connection of its own), and what a connection through a municipality's engine costs
more than a plain one (on SQLite: ATTACH and DETACH of the municipality's file).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event

from hemvist.auth import operations as auth
from hemvist.auth.models import Role
from hemvist.extensions import db
from hemvist.quotas.models import Quota
from hemvist.tenancy.binding import bound, tenant_engine
from hemvist.tenancy.models import Municipality
from hemvist.tenancy.web import find_tenant

EMAIL = "samordnare@bench.hemvist.example"
PASSWORD = "bench-password-not-secret"
# Two years, so that the quota table renders as many rows as the picker renders municipalities.
QUOTAS = {2025: 101, 2026: 88}
BASELINE_URL = "/home"
CSRF_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def prepare(codes: list[str]) -> list[tuple[str, str]]:
    """A coordinator in each of these municipalities, two quotas in each; returns their (slug, schema)."""
    user = auth.create_user(EMAIL, "Bench Samordnare", PASSWORD)
    user_id = user.id
    municipalities = db.session.scalars(
        sa.select(Municipality).where(Municipality.code.in_(codes)).order_by(Municipality.code)
    ).all()
    for municipality in municipalities:
        auth.grant_membership(user, municipality, Role.COORDINATOR)
    places = [(m.slug, m.schema_name) for m in municipalities]
    for _slug, schema in places:
        with bound(db.session, schema):
            db.session.add_all(
                Quota(year=year, persons=persons, updated_by_id=user_id) for year, persons in QUOTAS.items()
            )
            db.session.commit()
    return places


def logged_in_client(app: Flask, email: str = EMAIL, password: str = PASSWORD):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    match = CSRF_TOKEN.search(page)
    if match is None:
        raise RuntimeError("no CSRF token on the login page")
    response = client.post("/login", data={"csrf_token": match.group(1), "email": email, "password": password})
    if response.status_code != 302:
        raise RuntimeError(f"logging in failed with status {response.status_code}")
    return client


@contextmanager
def counting(engine: sa.Engine):
    """Statements and pool checkouts while the block runs (option engines share the base's events)."""
    counts = Counter()

    def on_execute(*_args):
        counts["queries"] += 1

    def on_checkout(*_args):
        counts["checkouts"] += 1

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine.pool, "checkout", on_checkout)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine.pool, "checkout", on_checkout)


def _get(client, url: str) -> None:
    response = client.get(url)
    body = response.get_data()  # the whole body, as a server would send it
    if response.status_code != 200 or not body:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def work_per_request(engine: sa.Engine, client, urls: list[str]) -> dict:
    """Queries and connection checkouts of one request, averaged over the URLs (outside the timing)."""
    with counting(engine) as counts:
        for url in urls:
            _get(client, url)
    return {key: counts[key] / len(urls) for key in ("queries", "checkouts")}


def requests_per_second(client, urls: list[str], count: int) -> float:
    start = time.perf_counter()
    for i in range(count):
        _get(client, urls[i % len(urls)])
    return count / (time.perf_counter() - start)


def milliseconds_each(function, count: int) -> float:
    start = time.perf_counter()
    for i in range(count):
        function(i)
    return (time.perf_counter() - start) * 1000 / count


def tenancy_parts(engine: sa.Engine, places: list[tuple[str, str]], count: int) -> dict:
    """The slug lookup, and the extra cost of a connection bound to a municipality, each on its own."""

    def lookup(i):
        find_tenant(places[i % len(places)][0])

    def plain(_i):
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def bound_to_tenant(i):
        with tenant_engine(engine, places[i % len(places)][1]).connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    for function in (lookup, plain, bound_to_tenant):  # warm up
        milliseconds_each(function, 20)
    plain_ms = milliseconds_each(plain, count)
    bound_ms = milliseconds_each(bound_to_tenant, count)
    return {
        "find_tenant_ms": milliseconds_each(lookup, count),
        "plain_connection_ms": plain_ms,
        "tenant_connection_ms": bound_ms,
        "tenant_connection_extra_ms": bound_ms - plain_ms,
    }


def measure(app: Flask, codes: list[str], rounds: int, per_round: int) -> dict:
    """Median requests per second of the tenant pages and of the baseline, measured in alternating rounds."""
    with app.app_context():
        places = prepare(codes)
        engine = db.engine
        parts = tenancy_parts(engine, places, max(20, per_round * 2))
    tenant_urls = [f"/{slug}/quotas/" for slug, _schema in places]
    # Requests are made outside any application context: inside one, Flask would reuse it for every
    # request and the session (removed when the context ends) would carry over from one to the next.
    client = logged_in_client(app)
    pages = {"tenant": tenant_urls, "baseline": [BASELINE_URL]}
    work = {name: work_per_request(engine, client, urls) for name, urls in pages.items()}
    # Warm up: templates compiled, statements cached, every connection of the pool opened.
    for urls in pages.values():
        requests_per_second(client, urls, max(20, len(urls) * 5))
    samples: dict[str, list[float]] = {name: [] for name in pages}
    for round_number in range(rounds):
        # Alternate which page goes first, so that neither always follows the other.
        order = list(pages) if round_number % 2 == 0 else list(reversed(pages))
        for name in order:
            samples[name].append(requests_per_second(client, pages[name], per_round))
    tenant_rps = statistics.median(samples["tenant"])
    baseline_rps = statistics.median(samples["baseline"])
    return {
        "tenant_urls": tenant_urls,
        "baseline_url": BASELINE_URL,
        "tenant_rps": tenant_rps,
        "baseline_rps": baseline_rps,
        "ratio": tenant_rps / baseline_rps,
        "overhead_ms": 1000 / tenant_rps - 1000 / baseline_rps,
        "rounds": rounds,
        "requests_per_round": per_round,
        "samples_rps": {name: [round(value, 1) for value in values] for name, values in samples.items()},
        "work_per_request": work,
        "tenancy_parts": parts,
    }
