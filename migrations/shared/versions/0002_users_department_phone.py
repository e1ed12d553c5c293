"""users: department and phone, so that colleagues and landlords know who is who

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DEPARTMENTS = ("integration_unit", "social_services", "labour_market_unit", "housing", "other")


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("phone", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(
            sa.Column(
                "department",
                sa.Enum(*DEPARTMENTS, name="department", native_enum=False, create_constraint=True),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_department"), type_="check")
        batch.drop_column("department")
        batch.drop_column("phone")
