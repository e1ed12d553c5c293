"""The embedded backend: a municipality's file is attached for its transaction and detached afterwards."""

from __future__ import annotations

import sqlite3

import pytest

from hemvist.extensions import db
from hemvist.tenancy import sqlite as sqlite_backend
from hemvist.tenancy.binding import tenant_engine

# Only the embedded backend has files.
pytestmark = pytest.mark.parametrize("database_template", ["sqlite"], indirect=True)


@pytest.fixture
def sqlite_app(app):
    return app


def attached(connection) -> list[str]:
    return [row[1] for row in connection.exec_driver_sql("PRAGMA database_list")]


def test_a_tenant_connection_attaches_only_its_own_file(sqlite_app, tenant_a):
    with sqlite_app.app_context():
        with tenant_engine(db.engine, tenant_a.schema).connect() as connection:
            assert attached(connection) == ["main", tenant_a.schema]
        with db.engine.connect() as connection:
            assert attached(connection) == ["main"]


def test_a_connection_returned_to_the_pool_carries_no_file(sqlite_app, tenant_a, tenant_b):
    with sqlite_app.app_context():
        engine = db.engine
        with tenant_engine(engine, tenant_a.schema).connect() as connection:
            dbapi_connection = connection.connection.dbapi_connection
        assert [row[1] for row in dbapi_connection.execute("PRAGMA database_list")] == ["main"]
        with tenant_engine(engine, tenant_b.schema).connect() as connection:
            assert attached(connection) == ["main", tenant_b.schema]


def test_a_missing_file_is_an_error_not_a_new_empty_tenant(sqlite_app, tmp_path):
    connection = sqlite3.connect(tmp_path / "main.db")
    with pytest.raises(sqlite3.OperationalError):
        sqlite_backend.attach(connection, tmp_path, "kommun_9999")
    assert not (tmp_path / "kommun_9999.db").exists()


def test_tenant_files_use_write_ahead_logging(sqlite_app, tenant_a):
    path = sqlite_backend.tenant_file(sqlite_app.config["TENANT_FILES_DIR"], tenant_a.schema)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
