"""``flask followups …``: the follow-ups of the dialogue with landlords, from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from hemvist.core import clock
from hemvist.dialogue.digest import send_digest

followups_cli = AppGroup("followups", help="Follow-ups of the dialogue with landlords.")


@followups_cli.command("send-digest")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Count what is due on this day (YYYY-MM-DD) instead of today.",
)
def followups_send_digest(on):
    """E-mail every member their overdue follow-ups and those due today.

    Meant for a daily cron job (or systemd timer) early in the morning: each run sends every list again,
    so run it once a day. One e-mail per person and municipality, in the person's language, through
    the SMTP server in HEMVIST_MAIL_*; links point at HEMVIST_BASE_URL. Exits with status 1 when some
    e-mail could not be sent (the others are sent all the same).
    """
    day = on.date() if on else clock.today()
    report = send_digest(day)
    click.echo(
        f"{day.isoformat()}: {len(report.sent)} e-mails sent, {len(report.failed)} failed, "
        f"{report.municipalities} municipalities"
    )
    if report.failed:
        raise click.exceptions.Exit(1)
