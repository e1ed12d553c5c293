"""``flask followups send-digest`` against a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from flask_babel import force_locale
from flask_babel import gettext as _

from hemvist.dialogue.models import FollowUp
from hemvist.extensions import db
from tests.conftest import USERS
from tests.dialogue.conftest import TODAY, new_landlord, set_locale, user, working_in

BASE_URL = "https://hemvist.example.se"


class Mailbox:
    """An SMTP server's handler that keeps what it receives, and refuses the addresses in ``refuse``."""

    def __init__(self):
        self.messages = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, key: str) -> list:
        return [message for recipients, message in self.messages if USERS[key].email in recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox(app):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False, BASE_URL=BASE_URL)
    yield box
    controller.stop()


@pytest.fixture
def log_lines():
    """The lines the ``hemvist`` loggers write (they do not propagate to pytest's handler)."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Keep()
    logger = logging.getLogger("hemvist")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def follow_up(app, tenant, landlord_id, who, days, note="") -> None:
    with working_in(app, tenant):
        due = TODAY + timedelta(days=days)
        db.session.add(FollowUp(landlord_id=landlord_id, due_on=due, assigned_to_id=user(who).id, note=note))
        db.session.commit()


@pytest.fixture
def due_lists(app, tenant_a, tenant_b):
    """Follow-ups in Värnamo and in Gislaved; the landlords' ids by name."""
    ids = {
        "Ekeskogs Hyresgårdar AB": new_landlord(app, tenant_a, name="Ekeskogs Hyresgårdar AB"),
        "Tallmons Fastigheter AB": new_landlord(app, tenant_a, name="Tallmons Fastigheter AB"),
        "Lagastrands Bostäder AB": new_landlord(app, tenant_a, name="Lagastrands Bostäder AB", owner="unit_admin_a"),
        "Värnamo Saras AB": new_landlord(app, tenant_a, name="Värnamo Saras AB", owner="two_workspaces"),
        "Gislaveds Markörhus AB": new_landlord(app, tenant_b, name="Gislaveds Markörhus AB", owner="coordinator_b"),
        "Gislaved Saras AB": new_landlord(app, tenant_b, name="Gislaved Saras AB", owner="two_workspaces"),
    }
    follow_up(app, tenant_a, ids["Ekeskogs Hyresgårdar AB"], "coordinator_a", -5, note="Fråga om garantin")
    follow_up(app, tenant_a, ids["Tallmons Fastigheter AB"], "coordinator_a", 0)
    follow_up(app, tenant_a, ids["Lagastrands Bostäder AB"], "unit_admin_a", 10)  # not yet due: no e-mail
    follow_up(app, tenant_a, ids["Värnamo Saras AB"], "two_workspaces", 0)
    follow_up(app, tenant_b, ids["Gislaveds Markörhus AB"], "coordinator_b", -1)
    follow_up(app, tenant_b, ids["Gislaved Saras AB"], "two_workspaces", -2)
    with working_in(app, tenant_a):
        done = FollowUp(landlord_id=ids["Tallmons Fastigheter AB"], due_on=TODAY, assigned_to_id=user("read_only_a").id)
        done.done_on = TODAY
        db.session.add(done)
        db.session.commit()
    set_locale(app, "coordinator_a", None)  # Värnamo's default: Swedish
    set_locale(app, "coordinator_b", "en")
    set_locale(app, "two_workspaces", "en")
    return ids


def send(app, *args):
    return app.test_cli_runner().invoke(args=["followups", "send-digest", "--date", TODAY.isoformat(), *args])


def body(message) -> tuple[str, str]:
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def subject_in(app, locale: str, municipality: str) -> str:
    with app.test_request_context("/"), force_locale(locale):
        return _("Your follow-ups in %(municipality)s", municipality=municipality)


def test_everyone_with_something_due_gets_their_list(app, mailbox, due_lists):
    result = send(app)
    assert result.exit_code == 0, result.output
    assert "4 e-mails sent, 0 failed" in result.output
    recipients = sorted(address for addresses, _message in mailbox.messages for address in addresses)
    assert recipients == sorted(
        [USERS["coordinator_a"].email, USERS["coordinator_b"].email] + [USERS["two_workspaces"].email] * 2
    )
    for nobody in ("unit_admin_a", "read_only_a", "unit_admin_b"):
        assert mailbox.to(nobody) == []

    [anna] = mailbox.to("coordinator_a")
    assert anna["Subject"] == subject_in(app, "sv", "Värnamo")
    assert anna["From"] == app.config["MAIL_SENDER"]
    text, html = body(anna)
    for part in (text, html):
        assert "Ekeskogs Hyresgårdar AB" in part and "Tallmons Fastigheter AB" in part
        assert "Fråga om garantin" in part
        assert "Lagastrands" not in part and "Saras" not in part
        assert "13 juni 2025" in part  # Swedish dates: the overdue one's
    assert f"{BASE_URL}/varnamo/landlords/{due_lists['Ekeskogs Hyresgårdar AB']}/" in text
    assert f'href="{BASE_URL}/varnamo/followups/"' in html
    assert html.startswith("<!doctype html>") and '<html lang="sv">' in html

    [johan] = mailbox.to("coordinator_b")
    assert johan["Subject"] == "Your follow-ups in Gislaved"
    text, html = body(johan)
    assert "Gislaveds Markörhus AB" in text and "1 follow-up is overdue:" in text
    assert '<html lang="en">' in html and "17 Jun 2025" in html


def test_no_e_mail_carries_another_municipalitys_data(app, mailbox, due_lists):
    send(app)
    sara = mailbox.to("two_workspaces")
    assert len(sara) == 2
    by_municipality = {message["Subject"].rsplit(" ", 1)[-1]: body(message) for message in sara}
    assert set(by_municipality) == {"Värnamo", "Gislaved"}
    for part in by_municipality["Värnamo"]:
        assert "Värnamo Saras AB" in part and "Gislaved" not in part and "/gislaved/" not in part
    for part in by_municipality["Gislaved"]:
        assert "Gislaved Saras AB" in part and "Värnamo" not in part and "/varnamo/" not in part
    for _recipients, message in mailbox.messages:
        text, html = body(message)
        municipality = message["Subject"].rsplit(" ", 1)[-1]
        other = "Gislaved" if municipality == "Värnamo" else "Värnamo"
        assert other not in text and other not in html


def test_on_another_day_the_list_is_that_days(app, mailbox, due_lists):
    result = app.test_cli_runner().invoke(
        args=["followups", "send-digest", "--date", (TODAY + timedelta(days=10)).isoformat()]
    )
    assert result.exit_code == 0, result.output
    [omar] = mailbox.to("unit_admin_a")
    assert "Lagastrands Bostäder AB" in body(omar)[0]
    assert result.output.startswith((TODAY + timedelta(days=10)).isoformat())


def test_departed_colleagues_get_nothing(app, mailbox, due_lists):
    with app.app_context():
        user("coordinator_b").active = False
        db.session.commit()
    send(app)
    assert mailbox.to("coordinator_b") == []
    assert len(mailbox.messages) == 3


def test_a_refused_recipient_does_not_stop_the_others(app, mailbox, due_lists, log_lines):
    mailbox.refuse.add(USERS["coordinator_a"].email)
    result = send(app)
    assert result.exit_code == 1
    assert "3 e-mails sent, 1 failed" in result.output
    assert mailbox.to("coordinator_a") == [] and len(mailbox.to("two_workspaces")) == 2
    assert mailbox.to("coordinator_b")
    refused = [line for line in log_lines if USERS["coordinator_a"].email in line]
    assert refused and "550" in refused[0]
    assert not [line for line in log_lines if "Ekeskogs" in line or "Gislaveds Markörhus" in line]


def test_an_unreachable_server_is_reported_not_raised(app, due_lists, log_lines):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    result = send(app)
    assert result.exit_code == 1
    assert "0 e-mails sent, 4 failed" in result.output
    assert any("unreachable" in line for line in log_lines)


def test_the_help_says_it_is_for_a_daily_cron_job(app):
    result = app.test_cli_runner().invoke(args=["followups", "send-digest", "--help"])
    assert result.exit_code == 0 and "daily cron job" in result.output
