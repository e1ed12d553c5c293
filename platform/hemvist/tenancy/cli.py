"""``flask tenants …`` and ``flask db …``: provisioning and migrating from the command line."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from hemvist.extensions import db
from hemvist.tenancy import config_files, migrate, operations
from hemvist.tenancy.models import Municipality

tenants_cli = AppGroup("tenants", help="Municipalities on the service (tenants).")
db_cli = AppGroup("db", help="The shared database schema.")


@db_cli.command("upgrade")
def db_upgrade():
    """Migrate the shared schema to the newest revision."""
    migrate.upgrade_shared(db.engine)
    click.echo(f"shared schema at {migrate.shared_version(db.engine)}")


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the migration does, in a few words.")
@click.option("--tenant", is_flag=True, help="A migration of the tenant tree (run in every municipality).")
@click.option("--autogenerate/--empty", default=True, show_default=True, help="Compare the models with the database.")
def db_revision(message, tenant, autogenerate):
    """Write a new migration file."""
    example = None
    if tenant and autogenerate:
        example = db.session.scalar(sa.select(Municipality.schema_name).order_by(Municipality.code))
        if example is None:
            raise click.ClickException("autogenerating a tenant migration needs one municipality on the service")
        if migrate.upgrade_tenants(db.engine, [example]):
            click.echo(f"brought {example} to the newest revision first")
    path = migrate.new_revision(message, tenant=tenant, autogenerate=autogenerate, example_schema=example)
    click.echo(f"wrote {path}; read it through before you commit it")


@tenants_cli.command("create")
@click.argument("code")
@click.option("--slug", help="URL name; derived from the municipality's name when left out.")
def tenants_create(code, slug):
    """Put the municipality with official CODE (e.g. 0683) on the service."""
    try:
        municipality = operations.create_tenant(code, slug=slug)
    except operations.UnknownMunicipality:
        raise click.BadParameter(f"{code} is not one of Sweden's 290 municipality codes", param_hint="CODE") from None
    except (config_files.TenantFileError, operations.SlugTaken) as error:
        raise click.BadParameter(str(error), param_hint="--slug") from None
    click.echo(f"{municipality.name} ({municipality.code}) is on the service at /{municipality.slug}/")


@tenants_cli.command("sync")
def tenants_sync():
    """Apply tenants/*.toml: create or update every municipality they describe."""
    directory = current_app.config["TENANTS_DIR"]
    try:
        files = config_files.load_all(directory)
    except config_files.TenantFileError as error:
        raise click.ClickException(str(error)) from None
    try:
        report = operations.sync(files)
    except operations.SlugTaken as error:
        raise click.ClickException(str(error)) from None
    lines = [("created", slug) for slug in report.created] + [("updated", slug) for slug in report.updated]
    lines += report.notes + [("on the service but in no file", slug) for slug in report.not_in_files]
    for label, item in lines:
        click.echo(f"{label}: {item}")


@tenants_cli.command("list")
def tenants_list():
    """The municipalities on the service."""
    municipalities = db.session.scalars(sa.select(Municipality).order_by(Municipality.code)).all()
    versions = migrate.tenant_versions(db.engine, [m.schema_name for m in municipalities])
    for m in municipalities:
        click.echo(
            f"{m.code}  {m.slug:<20} {m.name:<20} county {m.county_code}  {m.status.value:<9}  "
            f"schema {m.schema_name} at {versions.get(m.schema_name) or '-'}"
        )


@tenants_cli.command("upgrade")
def tenants_upgrade():
    """Migrate every municipality's schema to the newest revision."""
    upgraded = migrate.upgrade_tenants(db.engine, operations.all_schemas())
    click.echo(f"{len(upgraded)} schema(s) upgraded" if upgraded else "every schema is up to date")
