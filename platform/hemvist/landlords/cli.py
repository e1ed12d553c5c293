"""``flask landlords …``: the registry's jobs."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from hemvist.extensions import db
from hemvist.landlords import operations
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality, TenantStatus

landlords_cli = AppGroup("landlords", help="The landlord registry.")


@landlords_cli.command("purge-deleted")
def purge_deleted():
    """Remove for good the landlords deleted longer ago than the grace period (a daily job)."""
    municipalities = db.session.scalars(
        sa.select(Municipality).where(Municipality.status == TenantStatus.ACTIVE).order_by(Municipality.code)
    ).all()
    tenants = [municipality.as_tenant() for municipality in municipalities]
    total = 0
    # One municipality at a time: each in its own bound session and transaction, so that one failing
    # leaves the purges already done committed.
    for tenant in tenants:
        with bound(db.session, tenant.schema):
            purged = operations.purge_deleted(tenant)
        total += purged
        click.echo(f"{tenant.slug}: {purged} purged")
    click.echo(f"{total} landlords purged in {len(tenants)} municipalities")
