"""``flask demo load``: made-up data for trying Hemvist out."""

import click
from flask.cli import AppGroup

from hemvist.demo import operations

demo_cli = AppGroup("demo", help="Demonstration data (demo mode only).")


@demo_cli.command("load")
def demo_load():
    """Load the demo users and figures; safe to run again."""
    try:
        users = operations.load()
    except operations.DemoRefused as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Demo data loaded. Every demo user's password is {operations.PASSWORD!r}:")
    for user in users:
        click.echo(f"  {user.email:<36} {user.description}")


@demo_cli.command("landlord-link")
@click.argument("slug")
@click.argument("email")
def demo_landlord_link(slug, email):
    """Print a one-time link to the landlord page of the contact person with EMAIL in municipality SLUG.

    The demo has no mail server to deliver the link; this prints what the e-mail would carry.
    """
    import sqlalchemy as sa
    from flask import current_app

    from hemvist.core.links import external_url
    from hemvist.extensions import db
    from hemvist.landlord_page.operations import contacts_with_email, create_link
    from hemvist.tenancy.binding import bound
    from hemvist.tenancy.models import Municipality

    if not current_app.config["DEMO"]:
        raise click.ClickException("only in demo mode (HEMVIST_DEMO=true): elsewhere links go by e-mail alone")
    municipality = db.session.scalar(sa.select(Municipality).where(Municipality.slug == slug))
    if municipality is None:
        raise click.ClickException(f"no municipality {slug!r} on the service")
    tenant = municipality.as_tenant()
    with bound(db.session, tenant.schema):
        contacts = contacts_with_email(tenant, email)
        if not contacts:
            raise click.ClickException(f"no contact person with {email} in {tenant.name}")
        token = create_link(tenant, contacts[0])
        db.session.commit()
    click.echo(external_url("landlord_page.enter", municipality=tenant.slug, token=token))


@demo_cli.command("invitation-link")
@click.argument("email")
def demo_invitation_link(email):
    """Print a fresh link with which the invited user with EMAIL chooses their password.

    The demo has no mail server to deliver invitations; this prints what the e-mail would carry. The link
    is signed like a mailed one: it works for the invitation's days, until a password is chosen.
    """
    from flask import current_app

    from hemvist.auth import invitations
    from hemvist.auth.operations import find_user
    from hemvist.core.links import external_url

    if not current_app.config["DEMO"]:
        raise click.ClickException("only in demo mode (HEMVIST_DEMO=true): elsewhere invitations go by e-mail alone")
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with {email}: invite them from the administration first")
    if not user.active:
        raise click.ClickException(f"{user.email} is deactivated: reactivate them on their page first")
    if user.password_hash is not None:
        raise click.ClickException(f"{user.email} has chosen a password already: they log in with it")
    click.echo(external_url("auth.invitation", token=invitations.make_token(user), lang=user.locale or "sv"))
