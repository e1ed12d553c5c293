"""The landlords' side: the public sign-up form, the unit's triage inbox, and the landlord's own page.

A landlord signs up on a phone and a coordinator accepts the sign-up into the registry; a landlord in the
registry asks for a link by e-mail (received by a real SMTP server, aiosmtpd on 127.0.0.1), opens their
page with it and offers, withdraws and updates. As in the other journeys, the tests hold on to structure
(URLs, ids, roles) and to the data typed, not to Swedish sentences, since the catalogue may lag behind.
"""

from __future__ import annotations

import re
import socket
import time
from email import message_from_bytes
from email.policy import default as default_policy
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from hemvist.auth.operations import find_user
from hemvist.extensions import db
from hemvist.landlords.models import LandlordKind
from hemvist.landlords.operations import ContactData, LandlordData, create_landlord
from hemvist.tenancy.binding import bound
from tests.browser.conftest import PHONE
from tests.conftest import USERS

pytestmark = pytest.mark.browser

NAME = "Ekeskogs Hyresgårdar AB"
LANDLORD_EMAIL = "karin.ek@ekeskog.example"
OWNER_PHONE = "+46702345678"


@pytest.fixture
def app_overrides(app_overrides):
    """The form's clock against bots would otherwise make the browser wait three seconds before sending."""
    return {**app_overrides, "SIGNUP_MIN_FILL_SECONDS": 0}


class Mailbox:
    """An SMTP server's handler that keeps the messages it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=default_policy)))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10) -> list:
        """The messages once ``count`` have arrived: some mail is sent from a thread after the answer."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages

    def to(self, address: str) -> list:
        return [message for recipients, message in self.messages if address in recipients]


@pytest.fixture
def mailbox(app, live_server):
    """The application's mail goes to a real SMTP server on 127.0.0.1; its links point at the live server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, BASE_URL=live_server)
    yield box
    controller.stop()


def fill_in_about_the_landlord(page, identity_number: str) -> None:
    page.locator("#kind-0").check()
    page.locator("#name").fill(NAME)
    page.locator("#identity_number").fill(identity_number)
    page.locator("#flats").fill("24")
    page.locator("#contact_name").fill("Karin Ek")
    page.locator("#phone").fill("0701740605")
    page.locator("#email").fill(LANDLORD_EMAIL)
    page.locator("#lease_holding-1").check()
    page.locator("#consent").check()


def test_a_landlord_signs_up_on_a_phone_and_a_coordinator_accepts_the_sign_up(open_page, mailbox):
    phone = open_page(viewport=PHONE)
    phone.goto("/varnamo/landlord-signup")
    assert phone.lang == "sv"
    # The honeypot is there for bots, out of sight and out of reach for people.
    honeypot = phone.locator("#website")
    expect(honeypot).to_have_attribute("tabindex", "-1")
    box = honeypot.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0 or box["y"] + box["height"] <= 0, box
    fill_in_about_the_landlord(phone, "5590000013")
    phone.locator("#offers_home").check()
    phone.locator("#home-rooms").fill("3")
    phone.locator("#home-rent").fill("8450")
    phone.locator("#home-living_area").fill("74")
    phone.locator("#home-available_from").fill("2025-09-01")
    phone.locator("#home-street_address").fill("Storgatan 12")
    phone.submit("#signup-form")

    assert phone.path == "/varnamo/landlord-signup/receipt"
    receipt = phone.locator("main")
    expect(receipt).to_contain_text(NAME)
    expect(receipt).to_contain_text("559000-0013")
    expect(receipt).to_contain_text(LANDLORD_EMAIL)
    assert mailbox.to(LANDLORD_EMAIL), "no receipt was mailed to the landlord"

    page = open_page()
    page.log_in("coordinator_a")
    page.goto("/varnamo/")
    card = page.locator(".card").filter(has=page.locator("a[href='/varnamo/signups/']"))
    expect(card.locator(".figure")).to_have_text("1")
    page.follow(card.locator("a[href='/varnamo/signups/']"))
    assert page.path == "/varnamo/signups/"
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    page.follow(rows.get_by_role("link", name=NAME))
    assert re.fullmatch(r"/varnamo/signups/\d+/", page.path)
    expect(page.locator("main dl")).to_contain_text("Storgatan 12")
    expect(page.locator("#owner option:checked")).to_have_text(USERS["coordinator_a"].name)
    page.submit(page.locator("main form[action$='/accept']"))

    assert re.fullmatch(r"/varnamo/landlords/\d+/", page.path)
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.get_by_role("status")).to_contain_text(NAME)
    expect(page.locator("#owner .owner__name")).to_have_text(USERS["coordinator_a"].name)
    homes = page.locator("section[aria-labelledby=vacancies-heading]")
    expect(homes.locator("tbody tr")).to_have_count(1)
    expect(homes.locator("tbody tr")).to_contain_text("Storgatan 12")

    page.follow(page.locator(".workspace-nav a[href='/varnamo/vacancies/']"))
    expect(page.locator("main tbody").get_by_role("link", name=NAME)).to_be_visible()


def test_a_landlord_signs_up_in_english_after_a_mistake(open_page):
    page = open_page(locale="en-GB", viewport=PHONE)
    page.goto("/varnamo/landlord-signup")
    assert page.lang == "en"
    page.submit("#signup-form")
    assert page.status == 400
    summary = page.get_by_role("alert")
    expect(summary.locator("a[href='#name']")).to_be_visible()
    expect(page.locator("#name")).to_have_attribute("aria-invalid", "true")

    fill_in_about_the_landlord(page, "811218-9876")
    page.locator("#kind-1").check()
    page.submit("#signup-form")
    assert page.path == "/varnamo/landlord-signup/receipt"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    expect(page.locator("main")).to_contain_text(NAME)


@pytest.fixture
def landlord_id(app, tenant_a) -> int:
    """A landlord in Värnamo whose named contact, Anna, has a phone number; its contact person has an e-mail."""
    with app.app_context(), bound(db.session, tenant_a.schema):
        anna = find_user(USERS["coordinator_a"].email)
        anna.phone = OWNER_PHONE
        data = LandlordData(
            kind=LandlordKind.COMPANY,
            name=NAME,
            contacts=[ContactData(name="Karin Ek", role="Förvaltare", phone="+46701740605", email=LANDLORD_EMAIL)],
        )
        return create_landlord(tenant_a, anna, data).id


def test_a_landlord_opens_their_page_with_a_link_and_offers_withdraws_and_updates(page, mailbox, landlord_id):
    page.goto("/varnamo/landlord/")
    page.locator("#email").fill(LANDLORD_EMAIL.upper())
    page.submit()
    assert page.path == "/varnamo/landlord/link"
    mailbox.wait_for(1)
    (message,) = mailbox.to(LANDLORD_EMAIL)
    link = re.search(r"https?://\S+/varnamo/landlord/enter/\S+", message.get_body(("plain",)).get_content())
    assert link, message
    page.goto(urlsplit(link.group(0)).path)
    page.submit()

    assert page.path == "/varnamo/landlord/"
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    contact = page.locator("section[aria-labelledby=contact-heading]")
    expect(contact.locator(".owner__name")).to_have_text(USERS["coordinator_a"].name)
    expect(contact.locator(f"a[href='tel:{OWNER_PHONE}']")).to_have_text("070-234 56 78")

    page.follow("main a[href='/varnamo/landlord/homes/new']")
    page.locator("#rooms").fill("2")
    page.locator("#rent").fill("6900")
    page.locator("#street_address").fill("Lagavägen 4")
    page.submit()
    assert page.path == "/varnamo/landlord/"
    expect(page.get_by_role("status")).to_be_visible()
    homes = page.locator("section[aria-labelledby=homes-heading] tbody tr")
    expect(homes).to_have_count(1)
    expect(homes).to_contain_text("Lagavägen 4")

    page.follow(homes.locator("a[href$='/withdraw']"))
    page.submit()
    assert page.path == "/varnamo/landlord/"
    expect(homes.locator("a[href$='/withdraw']")).to_have_count(0)

    page.follow("main a[href='/varnamo/landlord/details']")
    expect(page.locator("#email")).to_have_value(LANDLORD_EMAIL)
    page.locator("#phone").fill("070-111 22 33")
    page.submit()
    assert page.path == "/varnamo/landlord/"
    expect(page.locator("section[aria-labelledby=details-heading]")).to_contain_text("070-111 22 33")

    # The named contact sees what the landlord did on the dashboard.
    page.log_in("coordinator_a")
    page.goto("/varnamo/")
    changes = page.locator("section[aria-labelledby=changes-heading] li")
    expect(changes).to_have_count(3)
    expect(changes.first).to_contain_text(NAME)
