"""vacancy list indexes: the register's order, homes on offer and stale homes read from indexes

The register's default order (soonest free first, no date last) from (available_from, id), the same order
within a status (the overview's homes on offer) from (status, available_from, id), and the stale homes
(open, confirmed before a moment) from (status, confirmed_at). The single-column indexes on status and
confirmed_at are dropped: the composites serve every lookup they served.

Revision ID: t0007
Revises: t0006
Create Date: 2026-12-01
"""

from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0007"
down_revision = "t0006"
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    with op.batch_alter_table("vacancies", schema=schema) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancies_confirmed_at"))
        batch_op.drop_index(batch_op.f("ix_vacancies_status"))
        batch_op.create_index("ix_vacancies_available", ["available_from", "id"], unique=False)
        batch_op.create_index("ix_vacancies_status_available", ["status", "available_from", "id"], unique=False)
        batch_op.create_index("ix_vacancies_status_confirmed", ["status", "confirmed_at"], unique=False)


def downgrade():
    schema = tenant_schema()
    with op.batch_alter_table("vacancies", schema=schema) as batch_op:
        batch_op.drop_index("ix_vacancies_status_confirmed")
        batch_op.drop_index("ix_vacancies_status_available")
        batch_op.drop_index("ix_vacancies_available")
        batch_op.create_index(batch_op.f("ix_vacancies_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancies_confirmed_at"), ["confirmed_at"], unique=False)
