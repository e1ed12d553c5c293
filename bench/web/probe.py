"""What each measured page does in the database, read in-process before the load (not timed by wrk).

For each page, one request through Flask's test client on the same scratch database, logged in as the
benchmark's coordinator: every SQL statement with its parameters and duration is recorded, statements run
more than once are grouped (a query per row shows up as one statement run 25 times), and the slowest
ones (by total time per request) are run again under ``EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)``. The plan
is summarised as its execution time and the nodes that read whole tables (sequential scans) or sort.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict

import sqlalchemy as sa
from flask import Flask, before_render_template, template_rendered
from sqlalchemy import event

from bench.overhead import CSRF_TOKEN
from hemvist.extensions import db

# Statements explained per page: the slowest by total time, and any above this many milliseconds.
EXPLAIN_TOP = 3
EXPLAIN_THRESHOLD_MS = 2.0
REPEATED = 3  # run this many times in one request or more: probably a query per row


def logged_in_client(app: Flask, email: str, password: str):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    match = CSRF_TOKEN.search(page)
    if match is None:
        raise RuntimeError("no CSRF token on the login page")
    response = client.post("/login", data={"csrf_token": match.group(1), "email": email, "password": password})
    if response.status_code != 302:
        raise RuntimeError(f"logging in failed with status {response.status_code}")
    return client


class Recorder:
    """Statements run on the engine (and the option engines made from it) while recording."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.statements: list[dict] = []
        self.recording = False

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        if self.recording:
            elapsed = time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())
            self.statements.append({"sql": statement, "parameters": parameters, "ms": elapsed * 1000})


class RenderTimer:
    """Milliseconds spent in ``render_template`` (Flask's signals around each top-level render)."""

    def __init__(self, app: Flask):
        self.app = app
        self.ms = 0.0
        self._started = 0.0

    def _before(self, sender, **extra):
        self._started = time.perf_counter()

    def _after(self, sender, **extra):
        self.ms += (time.perf_counter() - self._started) * 1000

    def __enter__(self):
        before_render_template.connect(self._before, self.app)
        template_rendered.connect(self._after, self.app)
        return self

    def __exit__(self, *exc):
        before_render_template.disconnect(self._before, self.app)
        template_rendered.disconnect(self._after, self.app)


def _normalise(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def _plan_summary(plan: dict) -> dict:
    """Execution time, and the plan nodes worth a look: sequential scans, sorts, the row counts."""
    nodes = []

    def walk(node: dict) -> None:
        kind = node["Node Type"]
        if kind in ("Seq Scan", "Sort", "Incremental Sort", "Hash Join", "Nested Loop", "Aggregate") or (
            "Index" in kind
        ):
            described = {
                "node": kind,
                "relation": node.get("Relation Name"),
                "index": node.get("Index Name"),
                "rows": node.get("Actual Rows"),
                "loops": node.get("Actual Loops"),
                "ms": node.get("Actual Total Time"),
            }
            if node.get("Filter"):
                described["filter"] = node["Filter"][:160]
            if node.get("Rows Removed by Filter"):
                described["rows_removed_by_filter"] = node["Rows Removed by Filter"]
            if node.get("Sort Method"):
                described["sort"] = node["Sort Method"]
            nodes.append({key: value for key, value in described.items() if value is not None})
        for child in node.get("Plans", []):
            walk(child)

    walk(plan["Plan"])
    return {
        "execution_ms": plan.get("Execution Time"),
        "planning_ms": plan.get("Planning Time"),
        "seq_scans": [n["relation"] for n in nodes if n["node"] == "Seq Scan" and "relation" in n],
        "nodes": nodes,
    }


def explain(engine: sa.Engine, sql: str, parameters) -> dict:
    with engine.connect() as connection:
        plan = connection.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, parameters if parameters else None
        ).scalar()
        connection.rollback()
    return _plan_summary(plan[0] if isinstance(plan, list) else plan)


def page(app: Flask, client, path: str, *, repeats: int = 15) -> dict:
    """One page: statements of one request, in-process time per request, and the slow statements' plans."""
    with app.app_context():
        engine = db.engine
    for _ in range(3):  # warm up: templates compiled, statements cached
        _get(client, path)
    timings, rendering = [], []
    with RenderTimer(app) as renders:
        for _ in range(repeats):
            start = time.perf_counter()
            renders.ms = 0.0
            _get(client, path)
            timings.append((time.perf_counter() - start) * 1000)
            rendering.append(renders.ms)
    with Recorder(engine) as recorder:
        recorder.recording = True
        _get(client, path)
        recorder.recording = False
    grouped: dict[str, dict] = defaultdict(lambda: {"count": 0, "ms": 0.0})
    for statement in recorder.statements:
        entry = grouped[_normalise(statement["sql"])]
        entry["count"] += 1
        entry["ms"] += statement["ms"]
        entry.setdefault("parameters", statement["parameters"])
        entry.setdefault("raw", statement["sql"])
    ranked = sorted(grouped.items(), key=lambda item: item[1]["ms"], reverse=True)
    explained = []
    is_postgresql = engine.dialect.name == "postgresql"
    for index, (sql, entry) in enumerate(ranked):
        if not is_postgresql or not sql.upper().startswith("SELECT"):
            continue
        if index >= EXPLAIN_TOP and entry["ms"] / entry["count"] < EXPLAIN_THRESHOLD_MS:
            continue
        explained.append(
            {
                "sql": sql,
                "count": entry["count"],
                "ms_total": round(entry["ms"], 3),
                "plan": explain(engine, entry["raw"], entry["parameters"]),
            }
        )
    return {
        "path": path,
        "in_process_ms_median": round(statistics.median(timings), 2),
        # Rendering the page's template, lazy loads from the template included.
        "render_ms_median": round(statistics.median(rendering), 2),
        "queries": len(recorder.statements),
        "distinct_statements": len(grouped),
        "db_ms": round(sum(s["ms"] for s in recorder.statements), 3),
        "repeated": [
            {"sql": sql[:300], "count": entry["count"], "ms_total": round(entry["ms"], 3)}
            for sql, entry in ranked
            if entry["count"] >= REPEATED
        ],
        "statements": [{"sql": sql, "count": e["count"], "ms_total": round(e["ms"], 3)} for sql, e in ranked],
        "explained": explained,
    }


def _get(client, path: str) -> None:
    response = client.get(path)
    response.get_data()
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code} in-process")
