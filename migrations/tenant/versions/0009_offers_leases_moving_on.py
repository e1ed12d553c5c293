"""offers, leases and moving on: brokering a home from the offer to the household's own lease

One accepted offer per vacancy is a partial unique index, so that two simultaneous acceptances cannot
both be stored.

Revision ID: t0009
Revises: t0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0009"
down_revision = "t0008"
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "viewing",
                "accepted",
                "refused",
                "withdrawn",
                name="status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("offered_on", sa.Date(), nullable=False),
        sa.Column("offered_by_id", sa.Integer(), nullable=True),
        sa.Column("viewing_on", sa.Date(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column(
            "refusal_reason",
            sa.Enum(
                "too_small",
                "too_expensive",
                "too_far",
                "household_other",
                "landlord_chose_another",
                "landlord_wants_references",
                "landlord_other",
                name="refusal_reason",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            [f"{schema}.households.id"],
            name=op.f("fk_offers_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"], [f"{schema}.vacancies.id"], name=op.f("fk_offers_vacancy_id_vacancies"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
        schema=schema,
    )
    with op.batch_alter_table("offers", schema=schema) as batch_op:
        batch_op.create_index("ix_offers_household_status", ["household_id", "status"], unique=False)
        batch_op.create_index(
            "uq_offers_accepted_vacancy",
            ["vacancy_id"],
            unique=True,
            sqlite_where=sa.text("status = 'accepted'"),
            postgresql_where=sa.text("status = 'accepted'"),
        )
        batch_op.create_index(
            "uq_offers_open_pair",
            ["vacancy_id", "household_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('open', 'viewing')"),
            postgresql_where=sa.text("status IN ('open', 'viewing')"),
        )

    op.create_table(
        "leases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=True),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column(
            "form",
            sa.Enum(
                "first_hand_open_ended",
                "first_hand_time_limited",
                "sublease",
                "transitional_home",
                "lodger",
                "other",
                name="form",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("rent", sa.Integer(), nullable=True),
        sa.Column("planned_transfer_on", sa.Date(), nullable=True),
        sa.Column("transferred_on", sa.Date(), nullable=True),
        sa.Column("tenure_waived", sa.Boolean(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_leases_dates_in_order")),
        sa.CheckConstraint("rent IS NULL OR rent >= 0", name=op.f("ck_leases_rent_not_negative")),
        sa.ForeignKeyConstraint(
            ["household_id"],
            [f"{schema}.households.id"],
            name=op.f("fk_leases_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_leases_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], [f"{schema}.offers.id"], name=op.f("fk_leases_offer_id_offers"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"], [f"{schema}.leases.id"], name=op.f("fk_leases_replaces_id_leases"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"], [f"{schema}.vacancies.id"], name=op.f("fk_leases_vacancy_id_vacancies"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leases")),
        sa.UniqueConstraint("offer_id", name=op.f("uq_leases_offer_id")),
        schema=schema,
    )
    with op.batch_alter_table("leases", schema=schema) as batch_op:
        batch_op.create_index("ix_leases_household", ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_leases_landlord_id"), ["landlord_id"], unique=False)
        batch_op.create_index("ix_leases_transfer", ["transferred_on", "planned_transfer_on"], unique=False)

    with op.batch_alter_table("households", schema=schema) as batch_op:
        batch_op.add_column(sa.Column("paused_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("moving_on", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("moving_on_wish", sa.String(length=200), server_default="", nullable=False))
        batch_op.add_column(sa.Column("barriers", sa.JSON(), server_default="[]", nullable=False))


def downgrade():
    schema = tenant_schema()
    with op.batch_alter_table("households", schema=schema) as batch_op:
        batch_op.drop_column("barriers")
        batch_op.drop_column("moving_on_wish")
        batch_op.drop_column("moving_on")
        batch_op.drop_column("paused_until")

    with op.batch_alter_table("leases", schema=schema) as batch_op:
        batch_op.drop_index("ix_leases_transfer")
        batch_op.drop_index(batch_op.f("ix_leases_landlord_id"))
        batch_op.drop_index("ix_leases_household")

    op.drop_table("leases", schema=schema)
    with op.batch_alter_table("offers", schema=schema) as batch_op:
        batch_op.drop_index(
            "uq_offers_open_pair",
            sqlite_where=sa.text("status IN ('open', 'viewing')"),
            postgresql_where=sa.text("status IN ('open', 'viewing')"),
        )
        batch_op.drop_index(
            "uq_offers_accepted_vacancy",
            sqlite_where=sa.text("status = 'accepted'"),
            postgresql_where=sa.text("status = 'accepted'"),
        )
        batch_op.drop_index("ix_offers_household_status")

    op.drop_table("offers", schema=schema)
