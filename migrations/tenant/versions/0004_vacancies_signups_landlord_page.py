"""vacancies, landlord sign-ups, landlords' sign-in links and their changes

Revision ID: t0004
Revises: t0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0004"
down_revision = "t0003"
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    op.create_table(
        "vacancies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column("street_address", sa.String(length=200), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("rooms", sa.Integer(), nullable=False),
        sa.Column("living_area", sa.Integer(), nullable=True),
        sa.Column("rent", sa.Integer(), nullable=True),
        sa.Column("available_from", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "offered", "reserved", "let", "withdrawn", name="status", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column(
            "offered_via",
            sa.Enum("staff", "signup", "landlord_page", name="offered_via", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("living_area IS NULL OR living_area > 0", name=op.f("ck_vacancies_living_area_positive")),
        sa.CheckConstraint("rent IS NULL OR rent >= 0", name=op.f("ck_vacancies_rent_not_negative")),
        sa.CheckConstraint("rooms >= 1 AND rooms <= 20", name=op.f("ck_vacancies_rooms_in_range")),
        sa.ForeignKeyConstraint(
            ["area_id"], [f"{schema}.areas.id"], name=op.f("fk_vacancies_area_id_areas"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_vacancies_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancies")),
        schema=schema,
    )
    with op.batch_alter_table("vacancies", schema=schema) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacancies_area_id"), ["area_id"], unique=False)
        batch_op.create_index("ix_vacancies_landlord_status", ["landlord_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancies_status"), ["status"], unique=False)

    op.create_table(
        "landlord_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "home_offered",
                "home_withdrawn",
                "contact_updated",
                name="kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("vacancy_id", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            [f"{schema}.contact_persons.id"],
            name=op.f("fk_landlord_changes_contact_person_id_contact_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_landlord_changes_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            [f"{schema}.vacancies.id"],
            name=op.f("fk_landlord_changes_vacancy_id_vacancies"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_landlord_changes")),
        schema=schema,
    )
    with op.batch_alter_table("landlord_changes", schema=schema) as batch_op:
        batch_op.create_index("ix_landlord_changes_unseen", ["seen_at", "landlord_id"], unique=False)

    op.create_table(
        "landlord_sign_in_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            [f"{schema}.contact_persons.id"],
            name=op.f("fk_landlord_sign_in_links_contact_person_id_contact_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_landlord_sign_in_links_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_landlord_sign_in_links")),
        schema=schema,
    )
    with op.batch_alter_table("landlord_sign_in_links", schema=schema) as batch_op:
        batch_op.create_index(batch_op.f("ix_landlord_sign_in_links_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_landlord_sign_in_links_landlord_id"), ["landlord_id"], unique=False)

    op.create_table(
        "signups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum("new", "accepted", "rejected", "spam", name="status", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("company", "private_person", name="kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("identity_number", sa.String(length=13), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_phone", sa.String(length=20), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("flats", sa.Integer(), nullable=True),
        sa.Column("area_ids", sa.JSON(), nullable=False),
        sa.Column(
            "lease_holding",
            sa.Enum("yes", "maybe", "no", name="lease_holding", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("home_rooms", sa.Integer(), nullable=True),
        sa.Column("home_rent", sa.Integer(), nullable=True),
        sa.Column("home_living_area", sa.Integer(), nullable=True),
        sa.Column("home_available_from", sa.Date(), nullable=True),
        sa.Column("home_street_address", sa.String(length=200), nullable=False),
        sa.Column("home_area_id", sa.Integer(), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=True),
        sa.Column("vacancy_id", sa.Integer(), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("flats IS NULL OR flats >= 0", name=op.f("ck_signups_flats_not_negative")),
        sa.CheckConstraint(
            "home_rooms IS NULL OR (home_rooms >= 1 AND home_rooms <= 20)", name=op.f("ck_signups_home_rooms_in_range")
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_signups_landlord_id_landlords"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            [f"{schema}.vacancies.id"],
            name=op.f("fk_signups_vacancy_id_vacancies"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signups")),
        schema=schema,
    )
    with op.batch_alter_table("signups", schema=schema) as batch_op:
        batch_op.create_index(batch_op.f("ix_signups_identity_number"), ["identity_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_signups_landlord_id"), ["landlord_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_signups_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_signups_status"), ["status"], unique=False)


def downgrade():
    schema = tenant_schema()
    with op.batch_alter_table("signups", schema=schema) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signups_status"))
        batch_op.drop_index(batch_op.f("ix_signups_received_at"))
        batch_op.drop_index(batch_op.f("ix_signups_landlord_id"))
        batch_op.drop_index(batch_op.f("ix_signups_identity_number"))

    op.drop_table("signups", schema=schema)
    with op.batch_alter_table("landlord_sign_in_links", schema=schema) as batch_op:
        batch_op.drop_index(batch_op.f("ix_landlord_sign_in_links_landlord_id"))
        batch_op.drop_index(batch_op.f("ix_landlord_sign_in_links_expires_at"))

    op.drop_table("landlord_sign_in_links", schema=schema)
    with op.batch_alter_table("landlord_changes", schema=schema) as batch_op:
        batch_op.drop_index("ix_landlord_changes_unseen")

    op.drop_table("landlord_changes", schema=schema)
    with op.batch_alter_table("vacancies", schema=schema) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancies_status"))
        batch_op.drop_index("ix_vacancies_landlord_status")
        batch_op.drop_index(batch_op.f("ix_vacancies_area_id"))

    op.drop_table("vacancies", schema=schema)
