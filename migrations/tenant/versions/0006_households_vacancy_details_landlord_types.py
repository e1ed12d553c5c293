"""households, what vacancies offer (lease form, floor, transport, car), landlord types

Revision ID: t0006
Revises: t0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0006"
down_revision = "t0005"
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    op.create_table(
        "households",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column(
            "arrival_route",
            sa.Enum(
                "from_accommodation",
                "resettled",
                "temporary_protection",
                "self_settled",
                name="arrival_route",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("assigned_on", sa.Date(), nullable=True),
        sa.Column("receive_by", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("adults", sa.Integer(), nullable=False),
        sa.Column("children_ages", sa.JSON(), nullable=False),
        sa.Column("languages", sa.String(length=200), nullable=False),
        sa.Column("accessibility_needs", sa.String(length=500), nullable=False),
        sa.Column("step_free_needed", sa.Boolean(), nullable=False),
        sa.Column("driving_licence", sa.Boolean(), nullable=False),
        sa.Column("has_car", sa.Boolean(), nullable=False),
        sa.Column("affordable_rent", sa.Integer(), nullable=True),
        sa.Column("destinations", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "waiting", "offered", "housed", "moved_on", name="status", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("coordinator_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("adults >= 1 AND adults <= 20", name=op.f("ck_households_adults_in_range")),
        sa.CheckConstraint(
            "affordable_rent IS NULL OR affordable_rent > 0", name=op.f("ck_households_affordable_rent_positive")
        ),
        sa.CheckConstraint(
            "receive_by IS NULL OR assigned_on IS NULL OR receive_by >= assigned_on",
            name=op.f("ck_households_dates_in_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
        sa.UniqueConstraint("reference", name=op.f("uq_households_reference")),
        schema=schema,
    )
    with op.batch_alter_table("households", schema=schema) as batch_op:
        batch_op.create_index(batch_op.f("ix_households_assigned_on"), ["assigned_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_coordinator_id"), ["coordinator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_received_on"), ["received_on"], unique=False)
        batch_op.create_index("ix_households_status_receive_by", ["status", "receive_by"], unique=False)

    with op.batch_alter_table("landlords", schema=schema) as batch_op:
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
                nullable=False,
                server_default="private_company",
            )
        )
    # Landlords registered before the type existed: a private person is one, every company a private one
    # until the unit says otherwise (municipal housing companies are few and known).
    landlords = sa.table("landlords", sa.column("kind"), sa.column("landlord_type"), schema=schema)
    op.execute(landlords.update().where(landlords.c.kind == "private_person").values(landlord_type="private_person"))

    with op.batch_alter_table("vacancies", schema=schema) as batch_op:
        batch_op.add_column(sa.Column("floor", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("lift", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("step_free", sa.Boolean(), nullable=False, server_default=sa.false()))
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
        batch_op.add_column(sa.Column("takeover_possible", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("stop_distance", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("weekday_departures", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("needs_car", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_vacancies_confirmed_at"), ["confirmed_at"], unique=False)
    # A home offered before confirmations were kept was last confirmed when it last changed.
    vacancies = sa.table("vacancies", sa.column("confirmed_at"), sa.column("updated_at"), schema=schema)
    op.execute(vacancies.update().values(confirmed_at=vacancies.c.updated_at))
    with op.batch_alter_table("vacancies", schema=schema) as batch_op:
        batch_op.alter_column("confirmed_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_check_constraint("stop_distance_not_negative", "stop_distance IS NULL OR stop_distance >= 0")
        batch_op.create_check_constraint(
            "departures_not_negative", "weekday_departures IS NULL OR weekday_departures >= 0"
        )


def downgrade():
    schema = tenant_schema()
    with op.batch_alter_table("vacancies", schema=schema) as batch_op:
        batch_op.drop_constraint(op.f("ck_vacancies_departures_not_negative"), type_="check")
        batch_op.drop_constraint(op.f("ck_vacancies_stop_distance_not_negative"), type_="check")
        batch_op.drop_constraint(op.f("ck_vacancies_lease_form"), type_="check")
        batch_op.drop_index(batch_op.f("ix_vacancies_confirmed_at"))
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("needs_car")
        batch_op.drop_column("weekday_departures")
        batch_op.drop_column("stop_distance")
        batch_op.drop_column("takeover_possible")
        batch_op.drop_column("lease_form")
        batch_op.drop_column("step_free")
        batch_op.drop_column("lift")
        batch_op.drop_column("floor")

    with op.batch_alter_table("landlords", schema=schema) as batch_op:
        batch_op.drop_constraint(op.f("ck_landlords_landlord_type"), type_="check")
        batch_op.drop_column("landlord_type")

    with op.batch_alter_table("households", schema=schema) as batch_op:
        batch_op.drop_index("ix_households_status_receive_by")
        batch_op.drop_index(batch_op.f("ix_households_received_on"))
        batch_op.drop_index(batch_op.f("ix_households_coordinator_id"))
        batch_op.drop_index(batch_op.f("ix_households_assigned_on"))

    op.drop_table("households", schema=schema)
