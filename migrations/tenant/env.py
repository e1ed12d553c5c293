"""The tenant tree: the tables every municipality owns, run once per municipality schema.

Run through ``hemvist.tenancy.migrate``, which hands over the connection and the real schema.
"""

from alembic import context

from hemvist.tenancy.migrate import AUTOGENERATE, naming_metadata, tenant_metadata, tenant_schema

connection = context.config.attributes["connection"]
schema = tenant_schema()


def include_name(name, type_, parent_names):
    # Autogenerate looks at this municipality's schema only, and not at its version table.
    if type_ == "schema":
        return name == schema
    return not (type_ == "table" and name == "alembic_version")


def target_metadata():
    # Only autogenerate compares with the models, and copying every tenant table into this schema costs more
    # than most migrations do. A migration's operations need the naming convention alone: it names the
    # constraints they create, which batch mode on SQLite must later find by name.
    if context.config.attributes.get(AUTOGENERATE):
        return tenant_metadata(schema, connection.dialect.name)
    return naming_metadata()


context.configure(
    connection=connection,
    version_table_schema=schema,
    target_metadata=target_metadata(),
    include_schemas=True,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
