"""A coordinator registers a landlord, finds it again, moves it along, and sees it on the board.

As in the other journeys, the tests hold on to structure (URLs, roles, ids) and to the data typed, not to
Swedish sentences, since the catalogue may lag behind the templates.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "Ekeskogs Hyresgårdar AB"


def test_a_coordinator_registers_finds_and_moves_a_landlord_along(page):
    page.log_in("coordinator_a")
    page.follow(page.locator(".workspace-nav a[href='/varnamo/landlords/']"))
    assert page.path == "/varnamo/landlords/"
    page.follow("main a[href='/varnamo/landlords/new']")

    expect(page.locator("#kind input[value='company']")).to_be_checked()
    page.locator("#name").fill(NAME)
    page.locator("#identity_number").fill("5590000013")
    page.locator("#street_address").fill("Storgatan 12")
    page.locator("#postal_code").fill("33130")
    page.locator("#city").fill("Värnamo")
    page.locator("#flats").fill("24")
    page.locator("#contacts-0-name").fill("Karin Ek")
    page.locator("#contacts-0-phone").fill("0701740605")
    page.locator("#contacts-0-email").fill("karin.ek@ekeskog.example")
    page.submit("main form.landlord-form")

    assert re.fullmatch(r"/varnamo/landlords/\d+/", page.path)
    landlord_path = page.path
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.get_by_role("status")).to_contain_text(NAME)
    expect(page.locator("main")).to_contain_text("559000-0013")
    expect(page.locator("main a[href='tel:+46701740605']")).to_have_text("070-174 06 05")
    expect(page.locator("#owner .owner__name")).to_have_text("Anna Samordnare")

    page.goto("/varnamo/landlords/")
    page.locator("#q").fill("karin ek")
    page.submit("main form[role=search]")
    assert page.path == "/varnamo/landlords/" and "q=karin+ek" in page.query
    results = page.locator("main table tbody tr")
    expect(results).to_have_count(1)
    page.follow(results.get_by_role("link", name=NAME))
    assert page.path == landlord_path

    # Paused needs a reason: the error stands beside the field and the choice is kept.
    stage_form = page.locator(f"main form[action='{landlord_path}stage#stage-section']")
    stage_form.locator("#stage").select_option("paused")
    page.submit(stage_form)
    expect(page.locator("#reason-error")).to_be_visible()
    expect(page.locator("#stage")).to_have_value("paused")
    expect(page.locator("#reason")).to_have_attribute("aria-invalid", "true")

    page.locator("#stage").select_option("met")
    page.submit(f"main form[action='{landlord_path}stage#stage-section']")
    assert page.path == landlord_path
    expect(page.get_by_role("status")).to_contain_text(NAME)
    expect(page.locator("#stage")).to_have_value("met")

    page.follow(page.locator(".workspace-nav a[href='/varnamo/landlords/board']"))
    met = page.locator("section[aria-labelledby='stage-met']")
    expect(met.get_by_role("heading", level=2)).to_contain_text("(1)")
    expect(met.get_by_role("link", name=NAME)).to_have_attribute("href", landlord_path)
    expect(page.locator("section[aria-labelledby='stage-new']").get_by_role("link")).to_have_count(0)


def test_on_a_phone_the_registry_fits_the_screen(phone):
    # Every page the phone visits is checked for sideways scrolling (see CheckedPage).
    phone.log_in("coordinator_a")
    phone.goto("/varnamo/landlords/new")
    phone.locator("#name").fill(NAME)
    phone.submit("main form.landlord-form")
    assert re.fullmatch(r"/varnamo/landlords/\d+/", phone.path)
    phone.goto("/varnamo/landlords/?q=ekeskog")
    expect(phone.locator("main table tbody tr")).to_have_count(1)
    phone.goto("/varnamo/landlords/board")
    phone.goto("/varnamo/landlords/deleted")
