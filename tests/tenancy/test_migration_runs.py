"""How a municipality's migrations run: atomically, without copying the models, reading the tree once."""

from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa

from hemvist.config import REPO_ROOT
from hemvist.extensions import db
from hemvist.tenancy import migrate
from hemvist.tenancy.binding import tenant_engine

FAILING_REVISION = '''"""a table, then a failure

Revision ID: scratch_fail
Revises: {down_revision}
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "scratch_fail"
down_revision = "{down_revision}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("scratch_half", sa.Column("id", sa.Integer(), primary_key=True), schema=tenant_schema())
    raise RuntimeError("this revision fails halfway")


def downgrade():
    op.drop_table("scratch_half", schema=tenant_schema())
'''


@pytest.fixture
def migrations_copy(app, tmp_path):
    """A copy of migrations/ that the application runs instead of the real tree."""
    target = tmp_path / "migrations"
    shutil.copytree(REPO_ROOT / "migrations", target, ignore=shutil.ignore_patterns("__pycache__"))
    app.config["MIGRATIONS_DIR"] = str(target)
    return target


def tables(schema: str) -> set[str]:
    with tenant_engine(db.engine, schema).connect() as connection:
        return set(sa.inspect(connection).get_table_names(schema=schema))


def test_migrating_needs_no_copy_of_the_models(app_context, monkeypatch, tenant_a):
    """Only autogenerate compares with the models; a run up and down gets by on the naming convention
    (SQLite's batch mode finds t0008's CHECK constraints by the names it gave them)."""

    def no_copy(*args, **kwargs):
        raise AssertionError("a migration run copied the models' tables")

    monkeypatch.setattr(migrate, "tenant_metadata", no_copy)
    migrate.downgrade_tenant(db.engine, tenant_a.schema, "t0007")
    assert migrate.upgrade_tenants(db.engine, [tenant_a.schema]) == [tenant_a.schema]
    assert migrate.tenant_versions(db.engine, [tenant_a.schema]) == {tenant_a.schema: migrate.tenant_head()}


def test_a_failed_revision_leaves_the_municipality_as_it_was(app, migrations_copy, tenant_a):
    """All of a municipality's revisions land in one transaction, or none do (on SQLite too)."""
    with app.app_context():
        head = migrate.tenant_head()
        migrate.downgrade_tenant(db.engine, tenant_a.schema, "t0008")
        (migrations_copy / "tenant" / "versions" / "scratch_fail.py").write_text(
            FAILING_REVISION.format(down_revision=head), "utf-8"
        )
        with pytest.raises(RuntimeError, match="fails halfway"):
            migrate.upgrade_tenants(db.engine, [tenant_a.schema])
        assert migrate.tenant_versions(db.engine, [tenant_a.schema]) == {tenant_a.schema: "t0008"}
        # The revision before the failing one, and the failing one's own table, were rolled back with it.
        assert not {"offers", "leases", "scratch_half"} & tables(tenant_a.schema)


def test_the_tree_is_read_once_until_a_revision_file_changes(app, migrations_copy):
    with app.app_context():
        config = migrate.alembic_config(migrate.TENANT)
        script = migrate.tenant_script(config)
        assert migrate.tenant_script(migrate.alembic_config(migrate.TENANT)) is script
        head = script.get_current_head()

        (migrations_copy / "tenant" / "versions" / "scratch_fail.py").write_text(
            FAILING_REVISION.format(down_revision=head), "utf-8"
        )
        assert migrate.tenant_head() == "scratch_fail"
