"""Helpers for the sign-up's tests: a real SMTP server, the form's data, the stored sign-ups.

The fill-time check (``SIGNUP_MIN_FILL_SECONDS``) and the rate limit are relaxed for this folder's
applications only, so that a test can post at once and many times; the tests of those protections set
real values again on their own application.
"""

from __future__ import annotations

import re
import socket
import time
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from hemvist.extensions import db
from hemvist.signup.models import Signup
from tests.conftest import USERS
from tests.landlords.conftest import AREAS, areas_a, org_number, working_in  # noqa: F401 (areas_a: a fixture)

BASE_URL = "https://hemvist.example.se"
FORM_URL = "/varnamo/landlord-signup"
RECEIPT_URL = "/varnamo/landlord-signup/receipt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def app_overrides(app_overrides):
    """No least fill time, a generous rate limit, and mail to a closed port unless ``mailbox`` is used."""
    return {
        **app_overrides,
        "SIGNUP_MIN_FILL_SECONDS": 0,
        "SIGNUP_RATE_LIMIT": "10000 per hour",
        "LANDLORD_LINK_RATE_LIMIT": "10000 per hour",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": free_port(),
        "BASE_URL": BASE_URL,
    }


class Mailbox:
    """An SMTP server's handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10) -> list:
        """The messages once ``count`` have arrived: some mail is sent from a thread after the answer."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages

    def to(self, address: str) -> list:
        address = USERS[address].email if address in USERS else address
        return [message for recipients, message in self.messages if address in recipients]


@pytest.fixture
def mailbox(app):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False)
    yield box
    controller.stop()


def body(message) -> str:
    """The plain text and the HTML of a message, one after the other."""
    return message.get_body(("plain",)).get_content() + "\n" + message.get_body(("html",)).get_content()


def signup_data(**fields) -> dict:
    """What the form posts for a company with a home free now; ``None`` leaves a field out."""
    data = {
        "kind": "company",
        "name": "  Solgläntans   Fastigheter AB ",
        "identity_number": "5590164520",
        "contact_name": "Maja  Lindqvist",
        "phone": "070-174 06 70",
        "email": " Maja.Lindqvist@Solglantan.example ",
        "flats": "18",
        "lease_holding": "yes",
        "message": "Vi har ett äldre hyreshus i Bredaryd.",
        "offers_home": "y",
        "home-rooms": "3",
        "home-rent": "7 400",
        "home-living_area": "74",
        "home-available_from": "",
        "home-street_address": "Järnvägsgatan 4",
        "home-area": "",
        "consent": "y",
        "website": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


STARTED = re.compile(r'name="started" type="hidden" value="([^"]*)"')


def tokens(client, lang: str | None = None) -> dict:
    """The hidden fields of the form as shown (in ``lang``): the CSRF token and the signed time it was shown."""
    page = client.get(FORM_URL + (f"?lang={lang}" if lang else "")).get_data(as_text=True)
    csrf, started = client.TOKEN.search(page), STARTED.search(page)
    assert csrf and started, "the sign-up form lacks its hidden fields"
    return {"csrf_token": csrf.group(1) or csrf.group(2), "started": started.group(1)}


def send(client, data: dict, lang: str | None = None, **kwargs):
    """Post the sign-up form as a visitor who opened it (in ``lang``) would; ``data`` may replace the tokens."""
    return client.http.post(FORM_URL, data={**tokens(client, lang), **data}, **kwargs)


def stored_signups(app, tenant) -> list[Signup]:
    with working_in(app, tenant):
        signups = list(db.session.scalars(sa.select(Signup).order_by(Signup.id)))
        db.session.expunge_all()
        return signups


def signup_count(app, tenant) -> int:
    with working_in(app, tenant):
        return db.session.scalar(sa.select(sa.func.count()).select_from(Signup))


__all__ = ["AREAS", "org_number"]
