"""municipalities: the unit's shared mailbox, told of landlord sign-ups

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_email", sa.String(length=254), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_column("unit_email")
