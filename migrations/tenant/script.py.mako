"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}
from hemvist.tenancy.migrate import tenant_schema

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    schema = tenant_schema()
    ${upgrades if upgrades else "pass"}


def downgrade():
    schema = tenant_schema()
    ${downgrades if downgrades else "pass"}
