"""The WSGI application the web benchmark serves: Hemvist as deployed, plus two baseline pages.

    gunicorn -c deploy/gunicorn.conf.py 'bench.web.app:create_app()'

The baseline pages are no part of the product: they exist only in this factory, which the benchmark's
gunicorn loads instead of ``hemvist:create_app()``. Both run the same single raw SQL query (``QUERY``:
the first 25 landlords of the benchmark's municipality by name, the list page's first page of rows) on a
pooled connection of Hemvist's own engine (through ``tenant_engine``, as Hemvist's pages do) and render
the same small template of 25 rows (``bench/web/templates/bench/minimal.html``, no layout, no
translations); neither needs a login.

- ``/bench/minimal``, the judged baseline: a route added to Hemvist's application, so that it passes
  through the same per-request hooks as every Hemvist page (request id, the login check of a public
  view, locale selection and the layout's context processors) and nothing else.
- ``/bench-bare/minimal``, shown for comparison: the same view in a bare ``Flask()`` application mounted
  beside Hemvist's (``DispatcherMiddleware``), without any of Hemvist's hooks: what Flask, one query and
  one template cost alone.

The municipality's schema comes from ``HEMVIST_BENCH_SCHEMA``; the rest of the configuration is Hemvist's
own (``HEMVIST_*``).
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from flask import Blueprint, Flask, render_template
from werkzeug.middleware.dispatcher import DispatcherMiddleware

import hemvist
from hemvist.core.access import public
from hemvist.extensions import db
from hemvist.tenancy.binding import tenant_engine, validate_schema

SCHEMA_VARIABLE = "HEMVIST_BENCH_SCHEMA"
MINIMAL_URL = "/bench/minimal"
BARE_PREFIX = "/bench-bare"
BARE_URL = f"{BARE_PREFIX}/minimal"
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = "bench/minimal.html"
# The one query: raw SQL on the schema itself (validated: it ends up in the SQL text).
QUERY = "SELECT id, name, city FROM {schema}.landlords WHERE deleted_at IS NULL ORDER BY name, id LIMIT 25"


def minimal_view(engine: sa.Engine, sql: str):
    # The municipality's engine: on PostgreSQL the same pool with nothing added (the query names the schema
    # itself); on SQLite it attaches the municipality's file, without which the schema would not exist.
    def minimal():
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(sql).all()
        return render_template(TEMPLATE, rows=rows)

    return minimal


def create_app(overrides: dict | None = None, schema: str | None = None) -> Flask:
    schema = validate_schema(schema or os.environ[SCHEMA_VARIABLE])
    sql = QUERY.format(schema=schema)
    app = hemvist.create_app(overrides)
    with app.app_context():
        # Flask-SQLAlchemy's engine, created once per application (so once per gunicorn worker).
        engine = tenant_engine(db.engine, schema)

    baseline = Blueprint("bench", __name__, template_folder=str(TEMPLATES))
    baseline.add_url_rule(MINIMAL_URL, "minimal", public(minimal_view(engine, sql)))
    app.register_blueprint(baseline)

    bare = Flask("bench_bare", template_folder=str(TEMPLATES))
    bare.add_url_rule("/minimal", "minimal", minimal_view(engine, sql))
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {BARE_PREFIX: bare})
    return app
