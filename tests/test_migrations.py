"""Migrating an empty database gives exactly the models' schema, on both backends and in both trees."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hemvist.core.models import TENANT_SCHEMA
from hemvist.extensions import db
from hemvist.tenancy import migrate
from hemvist.tenancy.binding import tenant_engine


def shared_metadata() -> sa.MetaData:
    copy = sa.MetaData()
    for table in db.metadata.tables.values():
        if table.schema != TENANT_SCHEMA:
            table.to_metadata(copy)
    return copy


def tenant_metadata(schema: str) -> sa.MetaData:
    copy = sa.MetaData()
    for table in db.metadata.tables.values():
        if table.schema == TENANT_SCHEMA:
            table.to_metadata(copy, schema=schema)
    return copy


def differences(connection, metadata: sa.MetaData, schema: str | None) -> list:
    def include_name(name, type_, parent_names):
        if type_ == "schema":
            return name == schema
        if type_ == "table":
            return name != "alembic_version"
        return True

    context = MigrationContext.configure(
        connection,
        opts={"include_schemas": schema is not None, "include_name": include_name, "compare_type": True},
    )
    return compare_metadata(context, metadata)


def test_the_shared_schema_equals_the_models(app_context):
    with db.engine.connect() as connection:
        assert differences(connection, shared_metadata(), None) == []


def test_a_tenant_schema_equals_the_models(app_context, tenant_a):
    with tenant_engine(db.engine, tenant_a.schema).connect() as connection:
        assert differences(connection, tenant_metadata(tenant_a.schema), tenant_a.schema) == []


def test_the_tenant_version_table_lives_in_the_tenant_schema(app_context, tenants):
    head = migrate.tenant_head()
    versions = migrate.tenant_versions(db.engine, [t.schema for t in tenants.values()])
    assert versions == {t.schema: head for t in tenants.values()}


def test_tenant_migrations_go_down_and_up_again(app_context, tenant_a, tenant_b):
    migrate.downgrade_tenant(db.engine, tenant_a.schema, "base")
    versions = migrate.tenant_versions(db.engine, [tenant_a.schema, tenant_b.schema])
    assert versions == {tenant_a.schema: None, tenant_b.schema: migrate.tenant_head()}
    assert migrate.upgrade_tenants(db.engine, [tenant_a.schema, tenant_b.schema]) == [tenant_a.schema]
    with tenant_engine(db.engine, tenant_a.schema).connect() as connection:
        assert differences(connection, tenant_metadata(tenant_a.schema), tenant_a.schema) == []


def test_an_upgrade_with_nothing_to_do_does_nothing(app_context, tenants):
    assert migrate.upgrade_tenants(db.engine, [t.schema for t in tenants.values()]) == []


def test_shared_migrations_go_down_and_up_again(app_context):
    db.session.remove()
    migrate.downgrade_shared(db.engine, "base")
    assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
    migrate.upgrade_shared(db.engine)
    with db.engine.connect() as connection:
        assert differences(connection, shared_metadata(), None) == []
