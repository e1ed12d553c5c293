"""search indexes: pg_trgm GIN indexes for the registry's search, on PostgreSQL only

The search matches ``ILIKE '%…%'`` on landlords' names, numbers and towns and on contact persons' names,
e-mail addresses and phones; without these indexes every search reads both tables whole. SQLite has no
such index; the models declare them PostgreSQL-only (``core.models.trigram_index``). The pg_trgm
extension is created once per database by the shared tree (revision 0004).

Revision ID: t0005
Revises: t0004
Create Date: 2026-12-01
"""

from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0005"
down_revision = "t0004"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_landlords_search": ("landlords", ("name", "identity_number", "city")),
    "ix_contact_persons_search": ("contact_persons", ("name", "email", "phone")),
}


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = tenant_schema()
    for name, (table, columns) in INDEXES.items():
        op.create_index(
            name,
            table,
            list(columns),
            unique=False,
            schema=schema,
            postgresql_using="gin",
            postgresql_ops=dict.fromkeys(columns, "gin_trgm_ops"),
            # No pending list that every search would read until a VACUUM: see core.models.
            postgresql_with={"fastupdate": "off"},
        )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = tenant_schema()
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table, schema=schema)
