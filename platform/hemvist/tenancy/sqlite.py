"""The embedded backend: one SQLite file per municipality, attached under its schema name.

A connection attaches the file of the municipality its transaction works for when it is checked out
through that municipality's engine, and detaches it when it goes back to the pool (after the pool's
rollback: a file cannot be detached inside a transaction that touched it). At most ten files can be
attached to one connection, so only the request's own municipality ever is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import Engine

from hemvist.tenancy.binding import EXECUTION_OPTION, validate_schema

BUSY_TIMEOUT_MS = 5000


def tenant_file(directory: str | Path, schema: str) -> Path:
    return Path(directory) / f"{validate_schema(schema)}.db"


def attach(dbapi_connection, directory: str | Path, schema: str) -> None:
    # mode=rw: a missing file is an error, never a silently created empty tenant.
    uri = "file:" + quote(str(tenant_file(directory, schema))) + "?mode=rw"
    dbapi_connection.execute(f'ATTACH DATABASE ? AS "{schema}"', (uri,))


def detach_all(dbapi_connection) -> None:
    names = [row[1] for row in dbapi_connection.execute("PRAGMA database_list")]
    for name in names:
        if name not in ("main", "temp"):
            dbapi_connection.execute(f'DETACH DATABASE "{validate_schema(name)}"')


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def configure_connection(dbapi_connection, foreign_keys: bool = True) -> None:
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    # SQLite's own lower() folds ASCII only, so "åker" would not find "Åkerlunds"; SQLAlchemy compiles
    # ILIKE to lower() LIKE lower() on SQLite, so a Unicode lower() makes searches case-blind as on PostgreSQL.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def install(engine: Engine, directory: str | Path) -> None:
    """Teach ``engine`` to attach each municipality's file on the connections bound to it."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        configure_connection(dbapi_connection)

    @event.listens_for(engine, "engine_connect")
    def _on_engine_connect(connection):
        schema = connection.get_execution_options().get(EXECUTION_OPTION)
        if schema is not None:
            attach(connection.connection.dbapi_connection, directory, schema)

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(dbapi_connection, _record):
        if dbapi_connection is not None:
            detach_all(dbapi_connection)


def create_file(directory: str | Path, schema: str) -> Path:
    """Create the municipality's file in WAL mode (a property of the file, set once, outside a transaction)."""
    path = tenant_file(directory, schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.close()
    return path
