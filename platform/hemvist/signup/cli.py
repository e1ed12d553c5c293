"""``flask signups …``: the sign-ups' jobs."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from hemvist.extensions import db
from hemvist.landlord_page.operations import purge_links
from hemvist.signup import operations
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality, TenantStatus

signups_cli = AppGroup("signups", help="Landlords' sign-ups.")


@signups_cli.command("purge")
def purge():
    """Remove sign-ups handled more than 30 days ago, and landlords' spent sign-in links (a daily job)."""
    municipalities = db.session.scalars(
        sa.select(Municipality).where(Municipality.status == TenantStatus.ACTIVE).order_by(Municipality.code)
    ).all()
    total = links = 0
    for tenant in [municipality.as_tenant() for municipality in municipalities]:
        with bound(db.session, tenant.schema):
            purged = operations.purge_handled(tenant)
            links += purge_links(tenant)
        total += purged
        click.echo(f"{tenant.slug}: {purged} purged")
    click.echo(f"{total} sign-ups purged")
    click.echo(f"{links} spent or expired sign-in links purged")
