"""A coordinator logs a meeting with a follow-up in three months, and sees it come due when the clock moves.

The live server runs in this process (a thread), so moving ``hemvist.core.clock.today`` moves the
date the application sees: no sleeping, and no date parameter in any URL. Field ids, values and
``datetime`` attributes rather than Swedish sentences, since the catalogue may lag behind the templates.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from hemvist.auth.operations import find_user
from hemvist.core import clock
from hemvist.extensions import db
from hemvist.landlords.models import LandlordKind
from hemvist.landlords.operations import ContactData, LandlordData, create_landlord
from hemvist.tenancy.binding import bound
from tests.conftest import USERS

pytestmark = pytest.mark.browser

START = date(2025, 6, 18)


@pytest.fixture
def moving_clock(monkeypatch):
    class Clock:
        today = START

    monkeypatch.setattr(clock, "today", lambda: Clock.today)
    return Clock


@pytest.fixture
def landlord_id(app, tenant_a) -> int:
    with app.app_context(), bound(db.session, tenant_a.schema):
        anna = find_user(USERS["coordinator_a"].email)
        data = LandlordData(
            kind=LandlordKind.COMPANY,
            name="Kvarnfallets Fastigheter AB",
            contacts=[ContactData(name="Karin Förvaltare", role="Förvaltare")],
        )
        return create_landlord(tenant_a, anna, data).id


def test_a_meeting_with_a_follow_up_in_three_months_comes_due(page, moving_clock, landlord_id):
    page.log_in("coordinator_a")
    page.goto(f"/varnamo/landlords/{landlord_id}/")
    page.follow(f"main a[href='/varnamo/landlords/{landlord_id}/interactions/new']")

    expect(page.locator("#occurred_on")).to_have_value("2025-06-18")
    page.locator("#kind").select_option("meeting")
    page.locator("#duration_minutes").fill("60")
    page.locator("#contact_person_id").select_option(label="Karin Förvaltare, Förvaltare")
    page.locator("input[name=topics][value=references_guarantees]").check()
    page.locator("input[name=topics][value=municipality_holds_lease]").check()
    page.locator("#summary").fill("Träffades en timme. Vill att kommunen står på kontraktet första året.")
    page.locator("#outcome").fill("Hör av sig när en lägenhet blir ledig.")
    page.locator("input[name=follow_up][value='3']").check()
    page.submit()

    assert page.path == f"/varnamo/landlords/{landlord_id}/"
    expect(page.get_by_role("status")).to_contain_text("Kvarnfallets Fastigheter AB")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Vill att kommunen står på kontraktet")
    expect(timeline.locator("time[datetime='2025-06-18']")).to_have_count(1)
    expect(page.locator(".dialogue-follow-ups time[datetime='2025-09-18']")).to_be_visible()

    # Three months ahead it is planned, not due: under "Later", in no section of what is due.
    page.follow(page.locator(".workspace-nav a[href='/varnamo/followups/']"))
    later = page.locator("section[aria-labelledby=follow-ups-later]")
    expect(later.get_by_role("link", name="Kvarnfallets Fastigheter AB", exact=True)).to_be_visible()
    for due in ("overdue", "today", "coming"):
        expect(page.locator(f"section[aria-labelledby=follow-ups-{due}]")).not_to_contain_text("Kvarnfallets")

    moving_clock.today = date(2025, 9, 18)
    page.goto("/varnamo/")
    expect(
        page.locator(".card").filter(has=page.locator("a[href='/varnamo/followups/']")).locator(".figure")
    ).to_have_text("1")
    page.follow(page.locator("main a[href='/varnamo/followups/']"))
    due_today = page.locator("section[aria-labelledby=follow-ups-today]")
    expect(due_today.get_by_role("link", name="Kvarnfallets Fastigheter AB", exact=True)).to_be_visible()

    page.submit(due_today.locator("form"))

    assert page.path == "/varnamo/followups/"
    expect(page.get_by_role("status")).to_contain_text("Kvarnfallets Fastigheter AB")
    expect(page.locator("main table")).to_have_count(0)


def test_a_date_in_the_future_is_refused_and_what_was_typed_stays(page, moving_clock, landlord_id):
    page.log_in("coordinator_a")
    page.goto(f"/varnamo/landlords/{landlord_id}/interactions/new")
    page.locator("#occurred_on").fill("2025-07-01")
    page.locator("#summary").fill("Ska inte försvinna")
    page.locator("input[name=follow_up][value=date]").check()
    page.submit()

    assert page.path == f"/varnamo/landlords/{landlord_id}/interactions/new"
    expect(page.locator("#occurred_on-error")).to_be_visible()
    expect(page.locator("#occurred_on")).to_have_value("2025-07-01")
    expect(page.locator("#occurred_on")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#follow_up_on-error")).to_be_visible()
    expect(page.locator("#summary")).to_have_value("Ska inte försvinna")
    summary = page.get_by_role("alert")
    expect(summary.locator("a[href='#occurred_on']")).to_be_visible()
    expect(summary.locator("a[href='#follow_up_on']")).to_be_visible()


def test_the_figures_and_everyones_follow_ups_on_a_phone(phone, moving_clock, landlord_id):
    phone.log_in("unit_admin_a")
    phone.goto("/varnamo/figures/")
    expect(phone.get_by_role("table")).to_be_visible()
    phone.locator("#from").fill("2025-01-01")
    phone.locator("#to").fill("2025-03-31")
    phone.submit()
    assert "from=2025-01-01" in phone.query
    phone.goto("/varnamo/followups/?who=all")
    expect(phone.get_by_role("heading", level=1)).not_to_be_empty()
