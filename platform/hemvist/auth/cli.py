"""``flask users …``: accounts and what they may reach."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from hemvist.auth import operations
from hemvist.auth.models import Role, User
from hemvist.extensions import db
from hemvist.tenancy.models import County, Municipality

users_cli = AppGroup("users", help="User accounts and their access.")


def _user_or_fail(email: str) -> User:
    user = operations.find_user(email)
    if user is None:
        raise click.BadParameter(f"no user with the e-mail {email}", param_hint="EMAIL")
    return user


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Full name, shown to colleagues and landlords.")
@click.password_option(help="At least 10 characters; asked for when left out.")
@click.option("--platform-admin", is_flag=True, help="May administer the whole service.")
def users_create(email, name, password, platform_admin):
    """Create a user who logs in with EMAIL."""
    try:
        user = operations.create_user(email, name, password, platform_admin=platform_admin)
    except operations.AuthError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"created {user.email}")


@users_cli.command("grant")
@click.argument("email")
@click.option("--municipality", "slug", help="Slug or code of a municipality on the service.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.COORDINATOR.value, show_default=True)
@click.option("--county", "county_code", help="County code (e.g. 06): read the county board's page.")
@click.option("--platform-admin", is_flag=True, help="Administer the whole service.")
def users_grant(email, slug, role, county_code, platform_admin):
    """Give the user with EMAIL access to a municipality, a county, or the administration."""
    user = _user_or_fail(email)
    if not (slug or county_code or platform_admin):
        raise click.UsageError("say what to grant: --municipality, --county or --platform-admin")
    if slug:
        municipality = db.session.scalar(
            sa.select(Municipality).where(sa.or_(Municipality.slug == slug, Municipality.code == slug))
        )
        if municipality is None:
            raise click.BadParameter(f"no municipality {slug} on the service", param_hint="--municipality")
        operations.grant_membership(user, municipality, Role(role))
        click.echo(f"{user.email} is {role} in {municipality.name}")
    if county_code:
        county = db.session.get(County, county_code)
        if county is None:
            raise click.BadParameter(
                f"no municipality of county {county_code} is on the service", param_hint="--county"
            )
        operations.grant_county(user, county)
        click.echo(f"{user.email} reads the county page of {county.name}")
    if platform_admin:
        operations.grant_platform_admin(user)
        click.echo(f"{user.email} is a platform administrator")


@users_cli.command("list")
def users_list():
    """Every user and what they may reach."""
    for user in db.session.scalars(sa.select(User).order_by(User.email)):
        reach = [f"{m.municipality.slug}:{m.role.value}" for m in user.memberships]
        reach += [f"county:{c.county_code}" for c in user.county_memberships]
        if user.is_platform_admin:
            reach.append("platform-admin")
        status = "" if user.active else " (deactivated)"
        click.echo(f"{user.email}{status}  {', '.join(reach) or '-'}")
