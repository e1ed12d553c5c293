"""``flask statistics …``: publishing the figures county boards read."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from hemvist.extensions import db
from hemvist.statistics.operations import publish_figures
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality

statistics_cli = AppGroup("statistics", help="The figures published to the county boards.")


@statistics_cli.command("publish")
@click.argument("slugs", nargs=-1)
def publish(slugs):
    """Count every municipality's figures again (a daily job: deadlines draw nearer without any change).

    SLUGS limits it to those municipalities. A suspended municipality's figures are kept as they were.
    """
    query = sa.select(Municipality.id, Municipality.slug, Municipality.schema_name).order_by(Municipality.code)
    if slugs:
        query = query.where(Municipality.slug.in_(slugs))
    municipalities = db.session.execute(query).all()
    unknown = set(slugs) - {slug for _, slug, _ in municipalities}
    if unknown:
        raise click.BadParameter(f"no municipality at {', '.join(sorted(unknown))}", param_hint="SLUGS")
    for municipality_id, slug, schema in municipalities:
        with bound(db.session, schema):
            published = publish_figures(municipality_id)
            db.session.commit()
        click.echo(f"{slug}: published" if published else f"{slug}: suspended, its last figures are kept")
