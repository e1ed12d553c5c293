"""A coordinator reads the year's official quota figures, receives a household, and sees the figures move.

The clock stands at 15 June 2025 (``hemvist.core.clock.today``, seen by the live server in this
process) and Värnamo holds the worked example of ``tests/quotas/conftest.py``: 12 of 40 persons received,
5 overdue. As in the other journeys, the test holds on to URLs, ids and numbers, not Swedish sentences.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hemvist.core import clock
from tests.quotas.conftest import EXAMPLE, QUOTA_2025, TODAY, add_households, add_quota

pytestmark = pytest.mark.browser


@pytest.fixture
def households(app, tenant_a, monkeypatch) -> dict[str, int]:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    add_quota(app, tenant_a, TODAY.year, QUOTA_2025)
    return add_households(app, tenant_a, EXAMPLE)


def test_receiving_a_household_moves_the_received_figure(page, households):
    page.log_in("coordinator_a")
    page.goto("/varnamo/")
    expect(page.locator("#quota-received")).to_have_attribute("value", "12")
    expect(page.locator("#quota-received")).to_have_attribute("max", "40")
    expect(page.locator("#past-deadline a")).to_have_count(2)
    page.follow("#quota-progress a[href='/varnamo/quotas/2025/']")

    expect(page.get_by_role("img")).to_have_count(1)
    expect(page.locator("#figure-received .figure")).to_have_text("12")
    expect(page.locator("#figure-overdue .figure")).to_have_text("5")
    expect(page.locator("table.quota-months tbody tr")).to_have_count(12)

    late = households["MIG-E"]  # 3 persons, to be received by 1 May 2025
    page.goto("/varnamo/")
    page.follow(f"#past-deadline a[href='/varnamo/households/{late}/']")
    reception = page.locator(f"main form[action='/varnamo/households/{late}/received#reception']")
    reception.locator("#received_on").fill("2025-06-14")
    page.submit(reception)

    page.goto("/varnamo/")
    expect(page.locator("#quota-received")).to_have_attribute("value", "15")
    expect(page.locator("#past-deadline a")).to_have_count(1)
    page.goto("/varnamo/quotas/2025/")
    expect(page.locator("#figure-received .figure")).to_have_text("15")
    expect(page.locator("#figure-overdue .figure")).to_have_text("2")
    june = page.locator("table.quota-months tbody tr").nth(5)
    expect(june.locator("td").nth(1)).to_have_text("5")  # H's 2 and E's 3 persons


def test_the_figures_page_and_the_overview_on_a_phone(phone, households):
    phone.log_in("unit_admin_a")
    phone.goto("/varnamo/")
    phone.follow(phone.locator(".workspace-nav a[href='/varnamo/quotas/']"))
    phone.follow(phone.locator("main a[href='/varnamo/quotas/2025/']").first)
    expect(phone.locator("#figure-pace .figure")).to_have_text("4")
    phone.follow("main a[href='/varnamo/quotas/2024/']")
    expect(phone.locator("#figure-received .figure")).to_have_text("4")
