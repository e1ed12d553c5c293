"""The platform administration in a browser: an operator enables a municipality from the official list
and sees it on the service, gives it a first user, and suspends it; every page passes axe-core.

As in the other journeys, the test holds on to structure (URLs, ids, roles) and to data (names of
places and people), not to Swedish sentences, since the catalogue may lag behind the templates.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hemvist.auth import invitations
from hemvist.auth import operations as auth
from tests.conftest import USERS

pytestmark = pytest.mark.browser

VETLANDA = "0685"


def test_an_operator_enables_a_municipality_and_sees_it_on_the_service(page):
    page.log_in("platform_admin")
    assert page.path == "/admin/"
    nav = page.locator(".workspace-nav")
    expect(nav.locator("a[aria-current='page']")).to_have_attribute("href", "/admin/")
    expect(page.locator("main table")).not_to_contain_text("Vetlanda")

    page.follow(nav.locator("a[href='/admin/municipalities/new']"))
    municipality = page.locator("#code")
    # The official list, grouped by county; the ones on the service are not offered.
    expect(municipality.locator("optgroup[label='Jönköpings län'] option[value='0685']")).to_have_text("Vetlanda")
    expect(municipality.locator("option[value='0683']")).to_have_count(0)
    municipality.select_option(VETLANDA)
    page.locator("#population").fill("27 500")
    page.locator("#unit_email").fill("integration@vetlanda.example")
    page.submit()

    assert page.path == f"/admin/municipalities/{VETLANDA}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Vetlanda")
    expect(page.get_by_role("status")).to_contain_text("/vetlanda/")
    snippet = page.locator("#tenant-file")
    expect(snippet).to_have_value(re.compile(r'code = "0685"\nslug = "vetlanda"\n'))
    expect(page.locator("label[for='tenant-file']")).to_have_text("tenants/vetlanda.toml")

    page.follow(nav.locator("a[href='/admin/']"))
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Vetlanda"))
    expect(row).to_contain_text("/vetlanda/")
    expect(row).to_contain_text(VETLANDA)

    # A mistake is told beside the field, and what was typed stays.
    page.follow(nav.locator("a[href='/admin/municipalities/new']"))
    expect(page.locator("#code option[value='0685']")).to_have_count(0)
    page.locator("#code").select_option("0687")  # Tranås
    page.locator("#slug").fill("vetlanda")
    page.submit()
    assert page.path == "/admin/municipalities/new"
    expect(page.locator("#slug-error")).not_to_be_empty()
    expect(page.locator("#slug")).to_have_value("vetlanda")
    expect(page.locator("#slug")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#code")).to_have_value("0687")


def test_an_operator_gives_a_user_access_and_suspends_a_municipality(page):
    page.log_in("platform_admin")
    nav = page.locator(".workspace-nav")
    page.follow(nav.locator("a[href='/admin/users/']"))
    page.locator("#q").fill("gislaved")
    page.submit("main form[role='search']")
    page.follow(page.locator("main").get_by_role("link", name=USERS["coordinator_b"].name))
    page.locator("#municipality").select_option(label="Uppsala")
    page.locator("#role").select_option("read_only")
    page.submit(page.locator("main form").filter(has=page.locator("#municipality")))
    expect(page.get_by_role("status")).to_contain_text("Uppsala")
    expect(page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Uppsala"))).to_be_visible()

    page.follow(nav.locator("a[href='/admin/']"))
    page.follow(page.locator("main a[href='/admin/municipalities/0380/suspend']"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uppsala")
    page.submit()
    assert page.path == "/admin/municipalities/0380/"

    page.follow(nav.locator("a[href='/admin/log']"))
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("0380")
    expect(rows.last).to_contain_text(USERS["coordinator_b"].email)


def test_the_administration_reflows_on_a_phone(phone):
    phone.log_in("platform_admin")
    municipality, user = "/admin/municipalities/0683/", "/admin/users/1/"
    pages = ["/admin/", "/admin/municipalities/new", municipality, f"{municipality}suspend", "/admin/users/", user,
             f"{user}deactivate", "/admin/users/invite", "/admin/log"]  # fmt: skip
    for path in pages:
        phone.goto(path)
        expect(phone.get_by_role("heading", level=1)).not_to_be_empty()


def test_an_invited_user_chooses_a_password_on_a_phone(app, phone):
    with app.app_context():
        user = auth.create_user("maja.berg@vetlanda.example", "Maja Berg", locale="sv")
        path = f"/invitation/{invitations.make_token(user)}"
    phone.goto(path)
    expect(phone.get_by_role("heading", level=1)).not_to_be_empty()
    phone.locator("#password").fill("too short")
    phone.locator("#confirm").fill("too short")
    phone.submit()
    expect(phone.locator("#password-error")).not_to_be_empty()
    phone.locator("#password").fill("a long and new password")
    phone.locator("#confirm").fill("a long and new password")
    phone.submit()
    assert phone.path == "/home"  # logged in; no access yet, so the page says so
    expect(phone.locator("header")).to_contain_text("Maja Berg")
    phone.goto(path, status=404)  # spent
    expect(phone.locator("main a[href='/login']")).to_be_visible()
