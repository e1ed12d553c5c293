"""platform: counties, municipalities, users, memberships

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "counties",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_counties")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("locale", sa.String(length=5), nullable=True),
        sa.Column("is_platform_admin", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "county_memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["county_code"], ["counties.code"], name=op.f("fk_county_memberships_county_code_counties")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_county_memberships_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_memberships")),
        sa.UniqueConstraint("user_id", "county_code", name=op.f("uq_county_memberships_user_id_county_code")),
    )
    op.create_index(op.f("ix_county_memberships_county_code"), "county_memberships", ["county_code"], unique=False)
    op.create_index(op.f("ix_county_memberships_user_id"), "county_memberships", ["user_id"], unique=False)
    op.create_table(
        "municipalities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("county_code", sa.String(length=2), nullable=False),
        sa.Column("schema_name", sa.String(length=20), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active", "suspended", name=op.f("ck_municipalities_status"), native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("default_locale", sa.String(length=5), nullable=False),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["county_code"], ["counties.code"], name=op.f("fk_municipalities_county_code_counties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipalities")),
        sa.UniqueConstraint("code", name=op.f("uq_municipalities_code")),
        sa.UniqueConstraint("schema_name", name=op.f("uq_municipalities_schema_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_municipalities_slug")),
    )
    op.create_index(op.f("ix_municipalities_county_code"), "municipalities", ["county_code"], unique=False)
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "coordinator",
                "unit_admin",
                "read_only",
                name=op.f("ck_memberships_role"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_memberships_municipality_id_municipalities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_memberships_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("user_id", "municipality_id", name=op.f("uq_memberships_user_id_municipality_id")),
    )
    op.create_index(op.f("ix_memberships_municipality_id"), "memberships", ["municipality_id"], unique=False)
    op.create_index(op.f("ix_memberships_user_id"), "memberships", ["user_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_memberships_user_id"), table_name="memberships")
    op.drop_index(op.f("ix_memberships_municipality_id"), table_name="memberships")
    op.drop_table("memberships")
    op.drop_index(op.f("ix_municipalities_county_code"), table_name="municipalities")
    op.drop_table("municipalities")
    op.drop_index(op.f("ix_county_memberships_user_id"), table_name="county_memberships")
    op.drop_index(op.f("ix_county_memberships_county_code"), table_name="county_memberships")
    op.drop_table("county_memberships")
    op.drop_table("users")
    op.drop_table("counties")
