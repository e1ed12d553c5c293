"""Upgrading every municipality: with nothing to do, and by one new tenant migration.

The new migration is written into a copy of ``migrations/`` (the real tree is never touched), and an
application whose ``MIGRATIONS_DIR`` points at the copy runs it, exactly as a deploy would.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from flask import current_app

from hemvist.extensions import db
from hemvist.tenancy import migrate

REVISION = "bench0002"
COLUMN = "bench_note"

# Written the way migrations/README.md asks: the real schema from tenant_schema() in every operation.
MIGRATION_TEMPLATE = '''"""bench: a nullable note on quotas (only ever written into a scratch copy)

Revision ID: {revision}
Revises: {down_revision}
"""

from alembic import op
import sqlalchemy as sa

from hemvist.tenancy.migrate import tenant_schema

revision = "{revision}"
down_revision = "{down_revision}"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("quotas", sa.Column("{column}", sa.Text(), nullable=True), schema=tenant_schema())


def downgrade():
    with op.batch_alter_table("quotas", schema=tenant_schema()) as batch_op:
        batch_op.drop_column("{column}")
'''


def copy_with_extra_migration(source: Path, destination: Path) -> Path:
    """A copy of the migrations folder with one more tenant revision on top of the current head."""
    target = destination / "migrations"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    config = Config()
    config.set_main_option("script_location", str(target / migrate.TENANT))
    head = ScriptDirectory.from_config(config).get_current_head()
    (target / migrate.TENANT / "versions" / f"{REVISION}_bench_note.py").write_text(
        MIGRATION_TEMPLATE.format(revision=REVISION, down_revision=head, column=COLUMN), "utf-8"
    )
    return target


def time_noop(schemas: list[str], repeats: int) -> tuple[list[float], list[str]]:
    """Seconds for each of ``repeats`` upgrades with nothing to do, and what the last one upgraded."""
    durations, upgraded = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        upgraded = migrate.upgrade_tenants(db.engine, schemas)
        durations.append(time.perf_counter() - start)
    return durations, upgraded


def time_upgrade(schemas: list[str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    upgraded = migrate.upgrade_tenants(db.engine, schemas)
    return time.perf_counter() - start, upgraded


def check_migrated(schemas: list[str]) -> None:
    """Every schema at the new revision, and the column really there (in the first and the last one)."""
    versions = migrate.tenant_versions(db.engine, schemas)
    behind = [schema for schema in schemas if versions.get(schema) != REVISION]
    if behind:
        raise AssertionError(f"{len(behind)} schema(s) not at {REVISION} after the upgrade: {behind[:5]}")
    for schema in {schemas[0], schemas[-1]}:
        if COLUMN not in _columns(schema, "quotas"):
            raise AssertionError(f"{schema}.quotas has no column {COLUMN} after the upgrade")


def _columns(schema: str, table: str) -> set[str]:
    # Read directly, without the platform's binding, so that the check does not trust what it checks.
    if migrate.is_sqlite(db.engine):
        path = Path(current_app.config["TENANT_FILES_DIR"]) / f"{schema}.db"
        connection = sqlite3.connect("file:" + quote(str(path)) + "?mode=ro", uri=True)
        try:
            return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        finally:
            connection.close()
    with db.engine.connect() as connection:
        return set(
            connection.execute(
                sa.text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = :schema AND table_name = :table"
                ),
                {"schema": schema, "table": table},
            ).scalars()
        )


def median(values: list[float]) -> float:
    return statistics.median(values)
