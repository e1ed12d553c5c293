"""A coordinator marks a housed family as moving on, records what stands in the way, later the move, and
finds the move and its barriers on the report.

As in the other journeys, the test holds on to structure (URLs, ids, values) and to the data typed, not to
Swedish sentences, since the catalogue may lag behind the templates.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from hemvist.households.models import Barrier, HouseholdStatus
from tests.households.conftest import add_household, household

pytestmark = pytest.mark.browser

REFERENCE = "MIG-2024-0815"


def test_a_coordinator_follows_a_family_moving_on_to_its_move_on_the_report(app, tenant_a, page):
    today = date.today()
    household_id = add_household(
        app,
        tenant_a,
        household(REFERENCE, assigned_on=today - timedelta(days=700)),
        status=HouseholdStatus.HOUSED,
        received_on=today - timedelta(days=650),
    )
    household_path = f"/varnamo/households/{household_id}/"
    page.log_in("coordinator_a")
    page.goto(household_path)

    section = page.locator("#moving-on")
    section.locator("#moving_on_wish").fill("Större lägenhet i Bor")
    page.submit(section.locator("form.moving-on-start"))
    assert page.path == household_path
    expect(page.get_by_role("status")).to_be_visible()

    section = page.locator("#moving-on")
    expect(section).to_contain_text("Större lägenhet i Bor")
    update = section.locator("form.moving-on-update")
    expect(update.locator("#moving_on_wish")).to_have_value("Större lägenhet i Bor")
    update.locator(f"#barriers input[value='{Barrier.CAR.value}']").check()
    update.locator(f"#barriers input[value='{Barrier.TRANSPORT.value}']").check()
    page.submit(update)

    update = page.locator("#moving-on form.moving-on-update")
    expect(update.locator(f"#barriers input[value='{Barrier.CAR.value}']")).to_be_checked()
    expect(update.locator(f"#barriers input[value='{Barrier.TRANSPORT.value}']")).to_be_checked()
    expect(update.locator(f"#barriers input[value='{Barrier.RENT.value}']")).not_to_be_checked()

    # Later: the family has moved.
    moved = page.locator("#moving-on form.moving-on-moved")
    expect(moved.locator("#moved_on")).to_have_value(today.isoformat())
    page.submit(moved)
    assert page.path == household_path
    expect(page.locator("#moving-on form")).to_have_count(0)

    page.goto("/varnamo/households/")
    page.follow("main a[href='/varnamo/households/moving-on/']")
    assert page.path == "/varnamo/households/moving-on/"
    expect(page.locator("table.moving-on-candidates")).to_have_count(0)
    row = page.locator("table.moving-on-moves tbody tr", has=page.locator(f"th:text-is('{today.year}')"))
    expect(row).to_have_count(1)
    # Moves, then one column per barrier in the list's order: car, licence, transport, rent, distance.
    expect(row.locator("td")).to_have_text(["1", "1", "0", "1", "0", "0"])
    blocked = page.locator("table.moving-on-barriers tbody tr")
    expect(blocked).to_have_count(len(Barrier))
