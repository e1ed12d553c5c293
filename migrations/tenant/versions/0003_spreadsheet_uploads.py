"""spreadsheet uploads: a file kept between the steps of an import, in the municipality's own schema

Revision ID: t0003
Revises: t0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0003"
down_revision = "t0002"
branch_labels = None
depends_on = None


def upgrade():
    schema = tenant_schema()
    op.create_table(
        "spreadsheet_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column(
            "file_format",
            sa.Enum("csv", "xlsx", name="file_format", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "uploaded",
                "validating",
                "validated",
                "importing",
                "imported",
                "failed",
                name="status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "rows_done >= 0 AND rows_done <= rows_total", name=op.f("ck_spreadsheet_uploads_rows_done_in_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spreadsheet_uploads")),
        schema=schema,
    )
    op.create_index(
        op.f("ix_spreadsheet_uploads_created_at"), "spreadsheet_uploads", ["created_at"], unique=False, schema=schema
    )
    op.create_index(
        op.f("ix_spreadsheet_uploads_created_by_id"),
        "spreadsheet_uploads",
        ["created_by_id"],
        unique=False,
        schema=schema,
    )


def downgrade():
    schema = tenant_schema()
    op.drop_index(op.f("ix_spreadsheet_uploads_created_by_id"), table_name="spreadsheet_uploads", schema=schema)
    op.drop_index(op.f("ix_spreadsheet_uploads_created_at"), table_name="spreadsheet_uploads", schema=schema)
    op.drop_table("spreadsheet_uploads", schema=schema)
