"""The tenant tree: the tables every municipality owns, run once per municipality schema.

Run through ``hemvist.tenancy.migrate``, which hands over the connection and the real schema.
"""

from alembic import context

from hemvist.tenancy.migrate import tenant_schema

connection = context.config.attributes["connection"]
schema = tenant_schema()
context.configure(
    connection=connection,
    version_table_schema=schema,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
