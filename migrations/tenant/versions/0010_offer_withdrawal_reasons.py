"""offer withdrawal reasons: why an offer was withdrawn, kept as a reason instead of a sentence

An acceptance that withdrew the household's other offers wrote "accepted another home" or "the home is
taken" into the note, in the language of whoever accepted. Those notes, in either language, become
reasons, which each reader sees in their own language; a coordinator's own note stays a note.

Revision ID: t0010
Revises: t0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

from hemvist.tenancy.migrate import tenant_schema

revision = "t0010"
down_revision = "t0009"
branch_labels = None
depends_on = None

# The notes the acceptance used to write (English, then Swedish), by the reason they meant.
WRITTEN_NOTES = {
    "accepted_another": ("accepted another home", "tackade ja till en annan bostad"),
    "home_taken": ("the home is taken", "bostaden har gått till ett annat hushåll"),
}


def upgrade():
    schema = tenant_schema()
    with op.batch_alter_table("offers", schema=schema) as batch_op:
        batch_op.add_column(
            sa.Column(
                "withdrawal_reason",
                sa.Enum(
                    "by_municipality",
                    "accepted_another",
                    "home_taken",
                    name="withdrawal_reason",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                nullable=True,
            )
        )
    offers = sa.table(
        "offers",
        sa.column("status", sa.String),
        sa.column("note", sa.String),
        sa.column("withdrawal_reason", sa.String),
        schema=schema,
    )
    withdrawn = offers.c.status == "withdrawn"
    for reason, notes in WRITTEN_NOTES.items():
        op.execute(offers.update().where(withdrawn, offers.c.note.in_(notes)).values(withdrawal_reason=reason, note=""))
    op.execute(
        offers.update()
        .where(withdrawn, offers.c.withdrawal_reason.is_(None))
        .values(withdrawal_reason="by_municipality")
    )


def downgrade():
    schema = tenant_schema()
    offers = sa.table(
        "offers",
        sa.column("note", sa.String),
        sa.column("withdrawal_reason", sa.String),
        schema=schema,
    )
    for reason, (english, _swedish) in WRITTEN_NOTES.items():
        op.execute(offers.update().where(offers.c.withdrawal_reason == reason).values(note=english))
    # The CHECK constraint first: SQLite's batch mode would otherwise rebuild the table with a constraint
    # naming a column it no longer has.
    with op.batch_alter_table("offers", schema=schema) as batch_op:
        batch_op.drop_constraint(op.f("ck_offers_withdrawal_reason"), type_="check")
        batch_op.drop_column("withdrawal_reason")
