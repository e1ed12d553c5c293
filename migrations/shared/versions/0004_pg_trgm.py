"""pg_trgm: trigram matching for the tenant trees' search indexes, once per database (PostgreSQL only)

An extension belongs to the database, not to a schema, so it is created here and not in the tenant tree.
It is trusted since PostgreSQL 13: the database's owner may create it without being a superuser.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def downgrade():
    # Left in place: every municipality's schema at tenant revision t0005 or later has indexes that need
    # it, and an unused extension costs nothing.
    pass
