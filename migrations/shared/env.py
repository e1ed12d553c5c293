"""The shared tree: the platform's own tables. Run through ``hemvist.tenancy.migrate``."""

from alembic import context

from hemvist.core.models import TENANT_SCHEMA
from hemvist.models import metadata


def include_object(obj, name, type_, reflected, compare_to):
    # Tenant tables belong to the other tree.
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return getattr(table, "schema", None) != TENANT_SCHEMA


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
