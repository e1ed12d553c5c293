"""household housing: the lease form and landlord type a household is received into

Both empty for every household so far: how it is housed was not recorded before, and is "not stated" in
the county board's statistics until the unit marks the household received again with it.

Revision ID: t0008
Revises: t0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0008"
down_revision = "t0007"
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    with op.batch_alter_table("households", schema=schema) as batch_op:
        batch_op.add_column(
            sa.Column(
                "lease_form",
                sa.Enum(
                    "first_hand_open_ended",
                    "first_hand_time_limited",
                    "sublease",
                    "transitional_home",
                    "lodger",
                    "other",
                    name="lease_form",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column(
                "landlord_type",
                sa.Enum(
                    "municipal_housing_company",
                    "private_company",
                    "private_person",
                    "municipality",
                    name="landlord_type",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=True,
            )
        )


def downgrade():
    schema = tenant_schema()
    # The CHECK constraints go first: SQLite's batch mode would otherwise rebuild the table with a
    # constraint naming a column it no longer has.
    with op.batch_alter_table("households", schema=schema) as batch_op:
        batch_op.drop_constraint(op.f("ck_households_landlord_type"), type_="check")
        batch_op.drop_constraint(op.f("ck_households_lease_form"), type_="check")
        batch_op.drop_column("landlord_type")
        batch_op.drop_column("lease_form")
