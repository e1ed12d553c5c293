"""A coordinator registers a household with a deadline, finds it in the list by its deadline, and marks it received.

As in the other journeys, the tests hold on to structure (URLs, ids) and to the data typed, not to Swedish
sentences, since the catalogue may lag behind the templates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REFERENCE = "MIG-2026-4711"


def test_a_coordinator_registers_a_household_sees_its_deadline_and_marks_it_received(page):
    today = date.today()
    assigned_on, receive_by = today - timedelta(days=20), today + timedelta(days=10)
    page.log_in("coordinator_a")
    page.follow(page.locator(".workspace-nav a[href='/varnamo/households/']"))
    assert page.path == "/varnamo/households/"
    page.follow("main a[href='/varnamo/households/new']")

    expect(page.locator("#arrival_route input[value='from_accommodation']")).to_be_checked()
    page.locator("#reference").fill(REFERENCE)
    page.locator("#assigned_on").fill(assigned_on.isoformat())
    page.locator("#receive_by").fill(receive_by.isoformat())
    page.locator("#adults").fill("2")
    page.locator("#children_ages").fill("4, 9")
    page.locator("#languages").fill("tigrinja")
    page.locator("#destinations input[value='school']").check()
    page.submit("main form.household-form")

    assert re.fullmatch(r"/varnamo/households/\d+/", page.path)
    household_path = page.path
    expect(page.get_by_role("heading", level=1)).to_contain_text(REFERENCE)
    # The message names no reference: flashed messages travel in the session cookie, readable by anyone.
    expect(page.get_by_role("status")).to_contain_text("Hushållet är registrerat.")
    expect(page.locator(".sensitive-notice")).to_be_visible()

    page.goto("/varnamo/households/?deadline=soon")
    row = page.locator("main table tbody tr", has=page.get_by_role("link", name=REFERENCE))
    expect(row).to_have_count(1)
    expect(row.locator("td.deadline--left")).to_contain_text("10")
    page.follow(row.get_by_role("link", name=REFERENCE))
    assert page.path == household_path

    received = page.locator(f"main form[action='{household_path}received#reception']")
    expect(received.locator("#received_on")).to_have_value(today.isoformat())
    page.submit(received)
    assert page.path == household_path
    expect(page.get_by_role("status")).to_contain_text("Hushållet är markerat som mottaget.")
    expect(page.locator("#reception")).to_contain_text(str(today.year))

    page.goto("/varnamo/households/?deadline=soon")
    expect(page.locator("main table")).to_have_count(0)


def test_on_a_phone_the_households_fit_the_screen(phone):
    phone.log_in("coordinator_a")
    phone.goto("/varnamo/households/new")
    phone.locator("#reference").fill(REFERENCE)
    phone.locator("#assigned_on").fill(date.today().isoformat())
    phone.submit("main form.household-form")
    assert re.fullmatch(r"/varnamo/households/\d+/", phone.path)
    phone.goto("/varnamo/households/")
    expect(phone.locator("main table tbody tr")).to_have_count(1)
