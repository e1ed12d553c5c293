"""The tenant tree: the tables every municipality owns, run once per municipality schema.

Run through ``hemvist.tenancy.migrate``, which hands over the connection and the real schema.
"""

from alembic import context

from hemvist.tenancy.migrate import tenant_metadata, tenant_schema

connection = context.config.attributes["connection"]
schema = tenant_schema()


def include_name(name, type_, parent_names):
    # Autogenerate looks at this municipality's schema only, and not at its version table.
    if type_ == "schema":
        return name == schema
    return not (type_ == "table" and name == "alembic_version")


context.configure(
    connection=connection,
    version_table_schema=schema,
    target_metadata=tenant_metadata(schema, connection.dialect.name),
    include_schemas=True,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
