"""A coordinator registers a home a landlord offers and finds it in the register and on the landlord's page.

As in the other journeys, the test holds on to structure (URLs, ids) and to the data typed, not to
sentences, since the Swedish catalogue may lag behind the templates.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hemvist.extensions import db
from hemvist.landlords.models import LandlordKind
from hemvist.landlords.operations import LandlordData, create_landlord
from hemvist.tenancy.binding import bound
from tests.landlords.conftest import user

pytestmark = pytest.mark.browser

NAME = "Ekeskogs Hyresgårdar AB"


@pytest.fixture
def landlord_id(app, tenant_a) -> int:
    with app.app_context(), bound(db.session, tenant_a.schema):
        return create_landlord(tenant_a, user("coordinator_a"), LandlordData(kind=LandlordKind.COMPANY, name=NAME)).id


def test_a_coordinator_registers_a_home_and_finds_it_in_the_register(page, landlord_id):
    page.log_in("coordinator_a")
    landlord_path = f"/varnamo/landlords/{landlord_id}/"
    page.goto(landlord_path)
    page.follow(f"main a[href='/varnamo/vacancies/new?landlord={landlord_id}']")

    # A mistake first: the error stands beside the field and what was typed stays.
    page.locator("#street_address").fill("Storgatan 12")
    page.locator("#rooms").fill("0")
    page.locator("#rent").fill("7400")
    page.submit("main form.vacancy-form")
    assert page.status == 400
    expect(page.locator("#rooms")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#lease_form")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#street_address")).to_have_value("Storgatan 12")

    page.locator("#rooms").fill("3")
    page.locator("#lease_form").select_option("sublease")
    page.locator("#takeover_possible").check()
    page.locator("#stop_distance").fill("250")
    page.submit("main form.vacancy-form")
    assert re.fullmatch(r"/varnamo/vacancies/\d+/", page.path)
    vacancy_path = page.path
    expect(page.get_by_role("heading", level=1)).to_have_text("Storgatan 12")
    expect(page.get_by_role("status")).to_contain_text(NAME)

    page.follow(page.locator(".workspace-nav a[href='/varnamo/vacancies/']"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(NAME)
    expect(rows.locator(f"a[href='{vacancy_path}']")).to_have_text("Storgatan 12")

    page.goto(landlord_path)
    homes = page.locator("section[aria-labelledby=vacancies-heading] tbody tr")
    expect(homes).to_have_count(1)
    expect(homes.locator(f"a[href='{vacancy_path}']")).to_have_text("Storgatan 12")

    # Reserved, then confirmed still free, from the vacancy's page.
    page.goto(vacancy_path)
    page.locator("#status").select_option("reserved")
    page.submit("main form.status-form")
    assert page.path == vacancy_path
    page.submit(f"main form[action='{vacancy_path}confirm']")
    assert page.path == vacancy_path
    expect(page.get_by_role("status")).to_be_visible()
