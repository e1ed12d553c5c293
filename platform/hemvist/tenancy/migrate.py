"""Running Alembic's two trees: ``migrations/shared`` once, ``migrations/tenant`` once per municipality.

Alembic does not apply ``schema_translate_map`` to ALTER operations, so tenant migrations name the real
schema: it is handed to them here (``tenant_schema()`` reads it back), validated, and also used as the
``version_table_schema`` so that each municipality's version table lives in its own schema (on SQLite, in
its own file).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from alembic import command, context
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from hemvist.tenancy import sqlite as sqlite_backend
from hemvist.tenancy.binding import validate_schema

SHARED = "shared"
TENANT = "tenant"
SCHEMA_ATTRIBUTE = "tenant_schema"


def alembic_config(tree: str, migrations_dir: str | None = None) -> Config:
    directory = Path(migrations_dir or current_app.config["MIGRATIONS_DIR"]) / tree
    config = Config()
    config.set_main_option("script_location", str(directory))
    return config


def tenant_schema() -> str:
    """The real schema a tenant migration works on; call it inside ``upgrade()``/``downgrade()``."""
    return validate_schema(context.config.attributes[SCHEMA_ATTRIBUTE])


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def _sqlite_migration_connection(engine: Engine, attach_schema: str | None = None) -> Iterator[Connection]:
    """A connection on which SQLite DDL is transactional.

    pysqlite commits before DDL on its own, so a failed migration would leave half a table rebuild
    behind. Here the driver's transaction handling is switched off and SQLAlchemy emits BEGIN itself;
    foreign keys are off during the migration (batch operations rebuild tables) and checked afterwards.
    """
    migration_engine = sa.create_engine(engine.url, poolclass=NullPool)
    directory = current_app.config["TENANT_FILES_DIR"]

    @event.listens_for(migration_engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        sqlite_backend.configure_connection(dbapi_connection, foreign_keys=False)
        if attach_schema is not None:
            sqlite_backend.attach(dbapi_connection, directory, attach_schema)

    @event.listens_for(migration_engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with migration_engine.connect() as connection:
            yield connection
            violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if violations:
                raise RuntimeError(f"foreign key violations after migrating: {violations[:5]}")
    finally:
        migration_engine.dispose()


@contextmanager
def migration_connection(engine: Engine, attach_schema: str | None = None) -> Iterator[Connection]:
    if is_sqlite(engine):
        with _sqlite_migration_connection(engine, attach_schema) as connection:
            yield connection
    else:
        with engine.connect() as connection:
            yield connection


def upgrade_shared(engine: Engine, revision: str = "head") -> None:
    _run_shared(engine, command.upgrade, revision)


def downgrade_shared(engine: Engine, revision: str) -> None:
    _run_shared(engine, command.downgrade, revision)


def _run_shared(engine: Engine, alembic_command, revision: str) -> None:
    config = alembic_config(SHARED)
    with migration_connection(engine) as connection:
        config.attributes["connection"] = connection
        alembic_command(config, revision)


def upgrade_tenant(engine: Engine, schema: str, revision: str = "head") -> None:
    upgrade_tenants(engine, [schema], revision)


def upgrade_tenants(engine: Engine, schemas: Iterable[str], revision: str = "head") -> list[str]:
    """Bring each schema to ``revision``; returns the schemas that had anything to do.

    Every version is read first in one pass, so an upgrade with nothing to do costs one query, not one
    Alembic run per municipality. The script directory is read once for all of them (Alembic's own
    commands would read every revision file again per municipality). Each municipality migrates in its
    own transaction: one transaction for hundreds of schemas runs PostgreSQL out of lock slots.
    """
    config = alembic_config(TENANT)
    script = ScriptDirectory.from_config(config)
    target = script.get_current_head() if revision == "head" else revision
    schemas = [validate_schema(schema) for schema in schemas]
    versions = tenant_versions(engine, schemas)
    pending = [schema for schema in schemas if versions.get(schema) != target]
    if is_sqlite(engine):
        for schema in pending:
            with migration_connection(engine, attach_schema=schema) as connection:
                _run_tenant(config, script, connection, schema, revision, upgrade=True)
    elif pending:
        with engine.connect() as connection:
            for done, schema in enumerate(pending, start=1):
                connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                connection.commit()
                _run_tenant(config, script, connection, schema, revision, upgrade=True)
                if done % CATALOG_ANALYZE_EVERY == 0:
                    _refresh_catalog_statistics(connection)
    return pending


# PostgreSQL's planner statistics for its own catalogs go stale while hundreds of schemas are created in
# seconds, and Alembic's look-ups of the version table slow down tenfold; refreshing them now and then
# keeps provisioning time per municipality flat.
CATALOG_ANALYZE_EVERY = 50


def _refresh_catalog_statistics(connection: Connection) -> None:
    connection.exec_driver_sql("ANALYZE pg_catalog.pg_class, pg_catalog.pg_namespace")
    connection.commit()


def downgrade_tenant(engine: Engine, schema: str, revision: str) -> None:
    """Take one municipality's schema back to ``revision`` (``base``: empty)."""
    config = alembic_config(TENANT)
    script = ScriptDirectory.from_config(config)
    schema = validate_schema(schema)
    with migration_connection(engine, attach_schema=schema if is_sqlite(engine) else None) as connection:
        _run_tenant(config, script, connection, schema, revision, upgrade=False)


def _run_tenant(
    config: Config, script: ScriptDirectory, connection: Connection, schema: str, revision: str, *, upgrade: bool
) -> None:
    """What ``alembic.command.upgrade``/``downgrade`` do, with a script directory read once by the caller."""
    config.attributes["connection"] = connection
    config.attributes[SCHEMA_ATTRIBUTE] = schema

    def steps(current, _context):
        return script._upgrade_revs(revision, current) if upgrade else script._downgrade_revs(revision, current)

    with EnvironmentContext(config, script, fn=steps, destination_rev=revision):
        script.run_env()


def tenant_versions(engine: Engine, schemas: list[str]) -> dict[str, str | None]:
    """The Alembic version of each tenant schema (``None``: not migrated yet)."""
    if not schemas:
        return {}
    if is_sqlite(engine):
        return {schema: _sqlite_tenant_version(schema) for schema in schemas}
    with engine.connect() as connection:
        # to_regclass answers from the catalog cache; information_schema slows down with every schema.
        existing = set(
            connection.execute(
                sa.text(
                    "SELECT s FROM unnest(CAST(:schemas AS text[])) AS s "
                    "WHERE to_regclass(format('%I.alembic_version', s)) IS NOT NULL"
                ),
                {"schemas": schemas},
            ).scalars()
        )
        versions: dict[str, str | None] = {schema: None for schema in schemas}
        if existing:
            union = " UNION ALL ".join(
                f"SELECT '{schema}' AS s, version_num FROM \"{schema}\".alembic_version" for schema in sorted(existing)
            )
            versions.update(dict(connection.exec_driver_sql(union).all()))
        return versions


def _sqlite_tenant_version(schema: str) -> str | None:
    path = sqlite_backend.tenant_file(current_app.config["TENANT_FILES_DIR"], schema)
    if not path.exists():
        return None
    connection = sqlite3.connect("file:" + quote(str(path)) + "?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()
    return row[0] if row else None


def shared_version(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def tenant_metadata(schema: str, dialect_name: str | None = None) -> sa.MetaData:
    """The tenant tables as they would be in ``schema``: what autogenerate and the tests compare against.

    Given a dialect, indexes that exist on another backend only (the PostgreSQL trigram indexes) are
    left out, so that a SQLite file migrated to head still equals its models.
    """
    from hemvist.core.models import TENANT_SCHEMA, is_for_dialect
    from hemvist.models import metadata

    copy = sa.MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        if table.schema == TENANT_SCHEMA:
            copied = table.to_metadata(copy, schema=validate_schema(schema))
            # to_metadata copies neither an index's info nor its ddl_if: decide on the originals.
            elsewhere = {
                index.name
                for index in table.indexes
                if dialect_name is not None and not is_for_dialect(index, dialect_name)
            }
            for index in [index for index in copied.indexes if index.name in elsewhere]:
                copied.indexes.discard(index)
    return copy


def new_revision(message: str, *, tenant: bool, autogenerate: bool, example_schema: str | None = None) -> Path:
    """Write a new migration file in the shared or tenant tree; returns its path.

    Autogenerating a tenant revision compares the models with ``example_schema`` (an existing
    municipality at head) and then writes ``schema=schema`` where Alembic wrote that municipality's name,
    so that the revision runs in every municipality.
    """
    config = alembic_config(TENANT if tenant else SHARED)
    if not autogenerate:
        return Path(command.revision(config, message=message).path)
    engine = current_app.extensions["sqlalchemy"].engine
    if not tenant:
        with migration_connection(engine) as connection:
            config.attributes["connection"] = connection
            return Path(command.revision(config, message=message, autogenerate=True).path)
    schema = validate_schema(example_schema or "")
    with migration_connection(engine, attach_schema=schema if is_sqlite(engine) else None) as connection:
        config.attributes["connection"] = connection
        config.attributes[SCHEMA_ATTRIBUTE] = schema
        path = Path(command.revision(config, message=message, autogenerate=True).path)
    path.write_text(_generalise_schema(path.read_text("utf-8"), schema))
    return path


def _generalise_schema(source: str, schema: str) -> str:
    """``schema='kommun_0683'`` → ``schema=schema``; ``'kommun_0683.landlords.id'`` → ``f'{schema}.landlords.id'``."""
    for mark in ("'", '"'):
        source = source.replace(f"schema={mark}{schema}{mark}", "schema=schema")
        source = source.replace(f"{mark}{schema}.", f"f{mark}{{schema}}.")
    return source


def tenant_head() -> str | None:
    return ScriptDirectory.from_config(alembic_config(TENANT)).get_current_head()
