"""The county board reads its municipalities side by side, on a desktop and a phone, and sees a change land.

Värnamo has received 3 persons this year (a small number) and Gislaved 12. The county page shows
Värnamo's as a range and hides what would give it back; when Värnamo receives a household of 4 more
through its workspace, the county board sees the exact 7 at once, because the figures are published
with the change.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from hemvist.core import clock
from hemvist.extensions import db
from hemvist.quotas.models import Quota
from tests.county.conftest import received
from tests.households.conftest import add_household, household
from tests.landlords.conftest import working_in

pytestmark = pytest.mark.browser

TODAY = date(2026, 9, 15)


@pytest.fixture
def county(app, tenant_a, tenant_b, monkeypatch) -> int:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    for tenant, persons in ((tenant_a, 20), (tenant_b, 15)):
        with working_in(app, tenant):
            db.session.add(Quota(year=TODAY.year, persons=persons))
            db.session.commit()
    received(app, tenant_a, "MIG-A1", 3, date(2026, 2, 10))
    received(app, tenant_b, "MIG-B1", 7, date(2026, 2, 12))
    received(app, tenant_b, "MIG-B2", 5, date(2026, 8, 3))
    return add_household(
        app, tenant_a, household("MIG-A2", adults=2, children_ages=[5, 9], assigned_on=date(2026, 8, 1))
    )


def reception_row(page, name: str):
    return page.locator("#reception tbody tr").filter(has=page.locator(f"th:text-is('{name}')"))


def test_the_county_board_sees_a_reception_land_on_its_page(open_page, county):
    board = open_page(locale="en-GB")
    board.log_in("county_06")
    assert board.path == "/county/06/"
    varnamo = reception_row(board, "Värnamo")
    expect(varnamo.locator("td").nth(2)).to_have_text("1–5")
    expect(varnamo.locator("td").nth(3)).to_have_text("..")
    expect(board.locator("#trends tbody tr")).to_have_count(16)  # 12 months and 4 quarters
    expect(board.get_by_role("img")).to_have_count(1)

    coordinator = open_page()
    coordinator.log_in("coordinator_a")
    coordinator.goto(f"/varnamo/households/{county}/")
    form = coordinator.locator(f"main form[action='/varnamo/households/{county}/received#reception']")
    form.locator("#received_on").fill("2026-09-14")
    coordinator.submit(form)

    board.goto("/county/06/")
    varnamo = reception_row(board, "Värnamo")
    expect(varnamo.locator("td").nth(2)).to_have_text("7")
    expect(varnamo.locator("td").nth(3)).to_have_text("13")
    expect(reception_row(board, "Jönköpings län").locator("td").nth(2)).to_have_text("19")


def test_the_county_page_on_a_phone_and_its_downloads(phone, county):
    phone.log_in("county_06")
    phone.goto("/county/06/?lang=sv")
    expect(phone.locator("h1")).to_contain_text("Jönköpings län")
    with phone.expect_download() as download:
        phone.locator("a[href^='/county/06/figures.xlsx']").click()
    assert download.value.suggested_filename == "county-06-figures-2026.xlsx"
