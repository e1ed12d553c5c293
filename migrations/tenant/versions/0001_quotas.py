"""quotas: the municipal quota per year

Revision ID: t0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    op.create_table(
        "quotas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("persons >= 0", name=op.f("ck_quotas_persons_not_negative")),
        sa.CheckConstraint("year BETWEEN 2016 AND 2100", name=op.f("ck_quotas_year_in_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotas")),
        sa.UniqueConstraint("year", name=op.f("uq_quotas_year")),
        schema=schema,
    )


def downgrade():
    op.drop_table("quotas", schema=tenant_schema())
