"""landlord registry, dialogue log, follow-ups, areas, history

Revision ID: fbc538f34ba5
Revises: t0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0002"
down_revision = "t0001"
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    op.create_table(
        "areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("central_town", "village", name="kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_areas")),
        sa.UniqueConstraint("name", name=op.f("uq_areas_name")),
        schema=schema,
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "created", "updated", "deleted", "restored", name="action", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
        schema=schema,
    )
    op.create_index("ix_history_subject", "history", ["subject_type", "subject_id"], unique=False, schema=schema)
    op.create_table(
        "landlords",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("company", "private_person", name="kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("identity_number", sa.String(length=13), nullable=True),
        sa.Column("street_address", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=6), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("flats", sa.Integer(), nullable=True),
        sa.Column("older_stock", sa.Boolean(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "outreach",
                "recommendation",
                "self_registered",
                "other",
                name="source",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "stage",
            sa.Enum(
                "new",
                "contacted",
                "met",
                "interested",
                "partner",
                "paused",
                "declined",
                name="stage",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("stage_reason", sa.String(length=500), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("flats IS NULL OR flats >= 0", name=op.f("ck_landlords_flats_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_landlords")),
        sa.UniqueConstraint("identity_number", name=op.f("uq_landlords_identity_number")),
        schema=schema,
    )
    op.create_index(op.f("ix_landlords_deleted_at"), "landlords", ["deleted_at"], unique=False, schema=schema)
    op.create_index(op.f("ix_landlords_name"), "landlords", ["name"], unique=False, schema=schema)
    op.create_index(op.f("ix_landlords_owner_id"), "landlords", ["owner_id"], unique=False, schema=schema)
    op.create_index("ix_landlords_stage_owner", "landlords", ["stage", "owner_id"], unique=False, schema=schema)
    op.create_table(
        "contact_persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_contact_persons_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_persons")),
        schema=schema,
    )
    op.create_index(
        op.f("ix_contact_persons_landlord_id"), "contact_persons", ["landlord_id"], unique=False, schema=schema
    )
    op.create_table(
        "landlord_areas",
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_id"], [f"{schema}.areas.id"], name=op.f("fk_landlord_areas_area_id_areas"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_landlord_areas_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("landlord_id", "area_id", name=op.f("pk_landlord_areas")),
        schema=schema,
    )
    op.create_index(op.f("ix_landlord_areas_area_id"), "landlord_areas", ["area_id"], unique=False, schema=schema)
    op.create_table(
        "stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_stage",
            sa.Enum(
                "new",
                "contacted",
                "met",
                "interested",
                "partner",
                "paused",
                "declined",
                name="from_stage",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_stage",
            sa.Enum(
                "new",
                "contacted",
                "met",
                "interested",
                "partner",
                "paused",
                "declined",
                name="to_stage",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_stage_changes_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_changes")),
        schema=schema,
    )
    op.create_index(op.f("ix_stage_changes_changed_on"), "stage_changes", ["changed_on"], unique=False, schema=schema)
    op.create_index(op.f("ix_stage_changes_landlord_id"), "stage_changes", ["landlord_id"], unique=False, schema=schema)
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "phone", "email", "meeting", "letter", "event", name="kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes >= 0", name=op.f("ck_interactions_duration_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            [f"{schema}.contact_persons.id"],
            name=op.f("fk_interactions_contact_person_id_contact_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_interactions_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
        schema=schema,
    )
    op.create_index(
        "ix_interactions_landlord_occurred", "interactions", ["landlord_id", "occurred_on"], unique=False, schema=schema
    )
    op.create_index(op.f("ix_interactions_occurred_on"), "interactions", ["occurred_on"], unique=False, schema=schema)
    op.create_index(op.f("ix_interactions_user_id"), "interactions", ["user_id"], unique=False, schema=schema)
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("assigned_to_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("planned_in_id", sa.Integer(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["landlord_id"],
            [f"{schema}.landlords.id"],
            name=op.f("fk_follow_ups_landlord_id_landlords"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["planned_in_id"],
            [f"{schema}.interactions.id"],
            name=op.f("fk_follow_ups_planned_in_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
        schema=schema,
    )
    op.create_index(
        "ix_follow_ups_assignee_due", "follow_ups", ["assigned_to_id", "due_on"], unique=False, schema=schema
    )
    op.create_index(op.f("ix_follow_ups_due_on"), "follow_ups", ["due_on"], unique=False, schema=schema)
    op.create_index(op.f("ix_follow_ups_landlord_id"), "follow_ups", ["landlord_id"], unique=False, schema=schema)
    op.create_table(
        "interaction_topics",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column(
            "topic",
            sa.Enum(
                "references_guarantees",
                "rent_level",
                "municipality_holds_lease",
                "lease_form",
                name="topic",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            [f"{schema}.interactions.id"],
            name=op.f("fk_interaction_topics_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interaction_id", "topic", name=op.f("pk_interaction_topics")),
        schema=schema,
    )


def downgrade():
    schema = tenant_schema()
    op.drop_table("interaction_topics", schema=schema)
    op.drop_index(op.f("ix_follow_ups_landlord_id"), table_name="follow_ups", schema=schema)
    op.drop_index(op.f("ix_follow_ups_due_on"), table_name="follow_ups", schema=schema)
    op.drop_index("ix_follow_ups_assignee_due", table_name="follow_ups", schema=schema)
    op.drop_table("follow_ups", schema=schema)
    op.drop_index(op.f("ix_interactions_user_id"), table_name="interactions", schema=schema)
    op.drop_index(op.f("ix_interactions_occurred_on"), table_name="interactions", schema=schema)
    op.drop_index("ix_interactions_landlord_occurred", table_name="interactions", schema=schema)
    op.drop_table("interactions", schema=schema)
    op.drop_index(op.f("ix_stage_changes_landlord_id"), table_name="stage_changes", schema=schema)
    op.drop_index(op.f("ix_stage_changes_changed_on"), table_name="stage_changes", schema=schema)
    op.drop_table("stage_changes", schema=schema)
    op.drop_index(op.f("ix_landlord_areas_area_id"), table_name="landlord_areas", schema=schema)
    op.drop_table("landlord_areas", schema=schema)
    op.drop_index(op.f("ix_contact_persons_landlord_id"), table_name="contact_persons", schema=schema)
    op.drop_table("contact_persons", schema=schema)
    op.drop_index("ix_landlords_stage_owner", table_name="landlords", schema=schema)
    op.drop_index(op.f("ix_landlords_owner_id"), table_name="landlords", schema=schema)
    op.drop_index(op.f("ix_landlords_name"), table_name="landlords", schema=schema)
    op.drop_index(op.f("ix_landlords_deleted_at"), table_name="landlords", schema=schema)
    op.drop_table("landlords", schema=schema)
    op.drop_index("ix_history_subject", table_name="history", schema=schema)
    op.drop_table("history", schema=schema)
    op.drop_table("areas", schema=schema)
