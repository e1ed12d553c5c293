"""brokering settings: the overcrowding norm per municipality, and how often a user wants reminders

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("persons_per_bedroom", sa.Integer(), server_default="2", nullable=False))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reminders",
                sa.Enum("daily", "weekly", "never", name="reminders", native_enum=False, create_constraint=True),
                server_default="daily",
                nullable=False,
            )
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_reminders"), type_="check")
        batch_op.drop_column("reminders")

    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_column("persons_per_bedroom")
