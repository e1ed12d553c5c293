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
