"""From an accepted offer to the household's own first-hand lease: write the sublease with a transfer date,
find it among the leases to transfer, mark it transferred, and see the headline figures move."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from hemvist.core.clock import add_months
from hemvist.leases.models import LeaseForm
from tests.leases.conftest import accepted_offer

pytestmark = pytest.mark.browser


def test_a_coordinator_brokers_a_home_from_offer_to_first_hand_lease(page, app, tenants):
    tenant = tenants["varnamo"]
    today = date.today()
    ids = accepted_offer(app, tenant, reference="MIG-2025-7711", lease_form=LeaseForm.SUBLEASE, rent=6400)
    page.log_in("coordinator_a")
    page.goto(f"/varnamo/households/{ids.household}/")
    page.follow(page.locator(f"#leases a[href='/varnamo/leases/new?offer={ids.offer}']"))

    expect(page.locator("#form")).to_have_value("sublease")
    expect(page.locator("#rent")).to_have_value("6400")
    starts_on = today - timedelta(days=200)
    planned = today + timedelta(days=20)
    page.locator("#starts_on").fill(starts_on.isoformat())
    page.locator("#planned_transfer_on").fill(planned.isoformat())
    page.locator("#tenure_waived input[value='no']").check()
    page.submit("main form.lease-form")
    assert re.fullmatch(r"/varnamo/leases/\d+/", page.path)
    sublease_path = page.path
    expect(page.locator("#transfer")).to_contain_text(str(planned.year))

    page.goto("/varnamo/leases/transfers")
    expect(page.locator("#due-soon")).to_contain_text("MIG-2025-7711")
    page.goto("/varnamo/leases/figures")
    expect(page.locator("#first-hand-share td").first).to_contain_text("0")

    page.goto(sublease_path)
    transfer = page.locator("main form.transfer-form")
    expect(transfer.locator("#transferred_on")).to_have_value(today.isoformat())
    page.submit(transfer)
    assert re.fullmatch(r"/varnamo/leases/\d+/", page.path) and page.path != sublease_path
    expect(page.get_by_role("heading", level=1)).to_contain_text("MIG-2025-7711")
    expect(page.locator(f"main a[href='{sublease_path}']")).to_have_count(1)

    page.goto("/varnamo/leases/transfers")
    expect(page.locator("main")).not_to_contain_text("MIG-2025-7711")
    page.goto("/varnamo/leases/figures")
    expect(page.locator("#first-hand-share td").first).to_contain_text("100")
    expect(page.locator("#transfers-done td").first).to_have_text("1")
    assert add_months(starts_on, 24) > today  # no warning of security of tenure in this story
