"""``flask spreadsheets purge``: remove uploads older than a day in every municipality (a daily cron job).

Each new upload also removes its municipality's old ones; this command catches the municipalities where
nobody uploads again.
"""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from hemvist.extensions import db
from hemvist.spreadsheets.operations import purge_old_uploads
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality

spreadsheets_cli = AppGroup("spreadsheets", help="Uploaded spreadsheets.")


@spreadsheets_cli.command("purge")
def purge():
    """Remove the uploaded files older than a day, in every municipality."""
    tenants = [m.as_tenant() for m in db.session.scalars(sa.select(Municipality).order_by(Municipality.code))]
    db.session.close()
    total = 0
    for tenant in tenants:
        with bound(db.session, tenant.schema):
            removed = purge_old_uploads(tenant)
        total += removed
        if removed:
            click.echo(f"{tenant.slug}: {removed} upload(s) removed")
    click.echo(f"{total} old upload(s) removed")
