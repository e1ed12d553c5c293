"""Outgoing e-mail through the configured SMTP server (``HEMVIST_MAIL_*``).

Messages are rendered from a pair of templates, ``<name>.txt`` and ``<name>.html``, and sent over one SMTP
connection. A message the server refuses is logged and skipped, so one bad address does not keep the
others' mail back. Logs name the recipient and the error, never a body: e-mails carry personal data.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app

log = logging.getLogger("hemvist.mail")

# Seconds to wait for the SMTP server before a connection or a command counts as failed.
TIMEOUT = 30


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str | None = None


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def render(template: str, **context) -> tuple[str, str]:
    """The plain text and the HTML of ``template`` (``dialogue/mail/digest`` → ``….txt`` and ``….html``).

    Rendered by the Jinja environment directly: e-mails are made outside requests (a cron job), where the
    page context processors (the logged-in user, the workspace) have nothing to say and may fail. The
    gettext functions and the ``date``/``number`` filters are the environment's own, so they follow the
    locale the caller forces.
    """
    environment = current_app.jinja_env
    return (
        environment.get_template(f"{template}.txt").render(context),
        environment.get_template(f"{template}.html").render(context),
    )


def build(mail: Mail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip(">") or None)
    message.set_content(mail.text)
    if mail.html is not None:
        message.add_alternative(mail.html, subtype="html")
    return message


def _connect(config) -> smtplib.SMTP:
    connection = smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=TIMEOUT)
    try:
        if config["MAIL_USE_TLS"]:
            connection.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            connection.login(config["MAIL_USERNAME"], str(config["MAIL_PASSWORD"]))
    except BaseException:
        connection.close()
        raise
    return connection


def _close(connection: smtplib.SMTP | None) -> None:
    if connection is None:
        return
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


def _describe(error: Exception) -> str:
    # The class and the SMTP code say what went wrong; the server's text may quote what was sent.
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def send_all(mails: Iterable[Mail]) -> SendReport:
    """Send every mail; returns whom it reached and whom not. Never raises for a refused or lost message."""
    config = current_app.config
    report = SendReport()
    connection: smtplib.SMTP | None = None
    pending = list(mails)
    for index, mail in enumerate(pending):
        if connection is None:
            try:
                connection = _connect(config)
            except (smtplib.SMTPException, OSError) as error:
                # No server to talk to: the rest would fail the same way, each after a timeout.
                log.error(
                    "mail server %s:%s unreachable: %s", config["MAIL_SERVER"], config["MAIL_PORT"], _describe(error)
                )
                report.failed.extend(m.to for m in pending[index:])
                break
        try:
            connection.send_message(build(mail, config["MAIL_SENDER"]))
        except smtplib.SMTPRecipientsRefused as error:
            # The connection is still good: only this recipient was refused.
            codes = sorted({code for code, _text in error.recipients.values()})
            log.error("mail to %s refused by the server (%s)", mail.to, codes)
            report.failed.append(mail.to)
        except (smtplib.SMTPException, OSError) as error:
            log.error("mail to %s failed: %s", mail.to, _describe(error))
            report.failed.append(mail.to)
            # After anything else the connection's state is unknown: start afresh for the next one.
            _close(connection)
            connection = None
        else:
            report.sent.append(mail.to)
    _close(connection)
    if report.sent or report.failed:
        log.info("mail: %s sent, %s failed", len(report.sent), len(report.failed))
    return report


def send_in_background(mails: Iterable[Mail]) -> threading.Thread | None:
    """Send ``mails`` from a thread of their own, so that the answer does not wait for the SMTP server.

    For answers that must not reveal whether mail went out at all (a landlord's sign-in link): a
    known address would otherwise answer slower than an unknown one.
    """
    pending = list(mails)
    if not pending:
        return None
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            send_all(pending)

    thread = threading.Thread(target=run, name="hemvist-mail", daemon=True)
    thread.start()
    return thread
