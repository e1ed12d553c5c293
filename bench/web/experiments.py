"""``--try-indexes``: what the landlord search would cost with trigram indexes, and written as a UNION.

Run after the load, on the scratch database only (the product's migrations are never touched): the
search statements the page really runs are recorded for a few typical searches and timed with
``EXPLAIN ANALYZE`` as they are; then pg_trgm GIN indexes are created on the searched columns and the
same statements timed again; then the filter is rewritten so that each searched table is reached through
its own indexed branch (``id IN (… UNION …)``) instead of one OR over a table and two subqueries, and timed
with and without the indexes. The indexes are dropped at the end. Each figure is the best of three runs.
"""

from __future__ import annotations

import statistics

from flask import Flask

from bench.web.probe import Recorder
from hemvist.extensions import db
from hemvist.tenancy.binding import validate_schema

# An unselective surname fragment (the benchmark's), a surname, an organisation number's start, a village.
QUERIES = ("berg", "Lindqvist", "556000", "Kärda")
TRIGRAM_COLUMNS = (
    ("landlords", "name"),
    ("landlords", "identity_number"),
    ("landlords", "city"),
    ("contact_persons", "name"),
    ("contact_persons", "email"),
    ("contact_persons", "phone"),
    ("areas", "name"),
)
REPEATS = 3

UNION_FILTER = """{s}.landlords.deleted_at IS NULL AND {s}.landlords.id IN (
    SELECT id FROM {s}.landlords
     WHERE name ILIKE %(text)s OR identity_number ILIKE %(text)s OR city ILIKE %(text)s
    UNION
    SELECT landlord_id FROM {s}.contact_persons
     WHERE name ILIKE %(text)s OR email ILIKE %(text)s OR phone ILIKE %(digits)s
    UNION
    SELECT landlord_areas.landlord_id FROM {s}.landlord_areas JOIN {s}.areas ON areas.id = landlord_areas.area_id
     WHERE areas.name ILIKE %(text)s)"""
UNION_COUNT = "SELECT count(*) FROM {s}.landlords WHERE " + UNION_FILTER
UNION_PAGE = "SELECT {s}.landlords.* FROM {s}.landlords WHERE " + UNION_FILTER + " ORDER BY name, id LIMIT 25"


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _best_ms(connection, sql: str, parameters) -> float:
    times = []
    for _ in range(REPEATS):
        plan = connection.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, parameters).scalar()
        times.append(plan[0]["Execution Time"])
    return min(times)


def _recorded(app: Flask, client, path: str) -> list[dict]:
    """The statements of the search page that filter by text (the count and the page of rows)."""
    with app.app_context():
        engine = db.engine
    with Recorder(engine) as recorder:
        recorder.recording = True
        response = client.get(path)
        response.get_data()
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return [s for s in recorder.statements if "ILIKE" in s["sql"].upper() and s["sql"].lstrip().startswith("SELECT")]


def try_indexes(app: Flask, client, slug: str, schema: str) -> dict:
    """Milliseconds in the database per search (all its filtering statements), in four variants."""
    s = validate_schema(schema)
    recorded = {text: _recorded(app, client, f"/{slug}/landlords/?q={text}") for text in QUERIES}
    with app.app_context():
        engine = db.engine
        results: dict[str, dict] = {text: {"statements": len(recorded[text])} for text in QUERIES}

        def measure(variant: str) -> None:
            with engine.connect() as connection:
                for text, statements in recorded.items():
                    if variant.startswith("union"):
                        # The phone pattern as the registry's search makes it (spaces and dashes out).
                        digits = text.replace(" ", "").replace("-", "").lstrip("0")
                        parameters = {"text": _like(text), "digits": _like(digits)}
                        ms = sum(_best_ms(connection, sql.format(s=s), parameters) for sql in (UNION_COUNT, UNION_PAGE))
                    else:
                        ms = sum(_best_ms(connection, st["sql"], st["parameters"]) for st in statements)
                    results[text][variant] = round(ms, 2)
                connection.rollback()

        measure("as_is")
        names = [f"bench_trgm_{table}_{column}" for table, column in TRIGRAM_COLUMNS]
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                for name, (table, column) in zip(names, TRIGRAM_COLUMNS, strict=True):
                    connection.exec_driver_sql(f"CREATE INDEX {name} ON {s}.{table} USING gin ({column} gin_trgm_ops)")
                for table in {table for table, _column in TRIGRAM_COLUMNS}:
                    connection.exec_driver_sql(f"ANALYZE {s}.{table}")
            measure("trigram_indexes")
            measure("union_with_trigram_indexes")
        finally:
            with engine.begin() as connection:
                for name in names:
                    connection.exec_driver_sql(f"DROP INDEX IF EXISTS {s}.{name}")
        measure("union_without_indexes")
    variants = ("as_is", "trigram_indexes", "union_with_trigram_indexes", "union_without_indexes")
    return {
        "queries": results,
        "median_ms": {v: round(statistics.median(r[v] for r in results.values()), 2) for v in variants},
        "indexes": [
            f"CREATE INDEX … ON {table} USING gin ({column} gin_trgm_ops)" for table, column in TRIGRAM_COLUMNS
        ],
    }
