"""What municipal staff do, in Swedish first, as a browser does it; every page passes axe-core on the way.

The Swedish catalogue may lag behind the templates, so these tests hold on to structure (URLs, roles,
``html[lang]``, ``aria-current``) and to data (names of people and places) rather than Swedish sentences.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import USERS

pytestmark = pytest.mark.browser


def test_a_coordinator_logs_in_and_lands_on_her_overview_in_swedish(page):
    page.goto("/")
    assert page.lang == "sv"
    page.follow("main a[href='/login']")
    assert page.path == "/login"

    page.log_in("coordinator_a")

    assert page.path == "/varnamo/"
    assert page.lang == "sv"
    expect(page.get_by_role("heading", level=1)).to_have_text("Värnamo")
    expect(page.locator("header")).to_contain_text(USERS["coordinator_a"].name)
    expect(page.get_by_role("link", name="Svenska")).to_have_attribute("aria-current", "true")
    current = page.locator(".workspace-nav a[aria-current='page']")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", "/varnamo/")
    expect(page.locator("main a[href='/varnamo/quotas/']")).to_be_visible()


def test_a_member_of_two_municipalities_chooses_where_to_work(page):
    page.log_in("two_workspaces")

    assert page.path == "/home"
    assert page.lang == "sv"
    expect(page.get_by_role("heading", level=1)).not_to_be_empty()
    places = page.locator("main").get_by_role("listitem")
    expect(places).to_have_count(2)
    expect(places.get_by_role("heading", level=2)).to_have_text(["Gislaved", "Värnamo"])

    page.follow(page.locator("main").get_by_role("link", name="Gislaved"))

    assert page.path == "/gislaved/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Gislaved")


def test_the_language_chosen_stays_on_the_next_pages(page):
    page.log_in("coordinator_a")
    assert page.lang == "sv"

    page.follow(page.get_by_role("link", name="English"))

    assert (page.path, page.query) == ("/varnamo/", "lang=en")
    assert page.lang == "en"
    expect(page.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("link", name="Svenska")).not_to_have_attribute("aria-current", "true")
    nav = page.get_by_role("navigation", name="Workspace")
    expect(nav.get_by_role("link")).to_contain_text(
        ["Overview", "Quotas", "Landlords", "Board", "Follow-ups", "Figures"]
    )

    page.follow(nav.get_by_role("link", name="Quotas"))

    assert (page.path, page.query) == ("/varnamo/quotas/", "")
    assert page.lang == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Quotas")

    page.follow(page.get_by_role("link", name="Svenska"))
    assert page.lang == "sv"
    page.follow(page.locator(".workspace-nav a[href='/varnamo/']"))
    assert (page.path, page.query, page.lang) == ("/varnamo/", "", "sv")


def test_logging_out_leads_back_to_the_login_page_with_a_message(page):
    page.log_in("coordinator_a")

    page.follow(page.locator("header").get_by_role("button"))

    assert page.path == "/login"
    assert page.lang == "sv"
    message = page.get_by_role("status")
    expect(message).to_be_visible()
    expect(message).not_to_be_empty()
    expect(page.locator("main form #email")).to_be_visible()
    expect(page.locator("header")).not_to_contain_text(USERS["coordinator_a"].name)

    page.goto("/varnamo/")
    assert (page.path, page.query) == ("/login", "next=/varnamo/")


def test_a_unit_admin_corrects_a_quota_that_is_not_a_number(page):
    page.log_in("unit_admin_a")
    page.follow(page.locator(".workspace-nav a[href='/varnamo/quotas/']"))
    page.follow("main a[href='/varnamo/quotas/new']")
    page.locator("#year").fill("2025")
    page.locator("#persons").fill("120")
    page.submit()
    assert page.path == "/varnamo/quotas/"
    expect(page.get_by_role("status")).to_contain_text("2025")

    page.follow(page.locator("main a[href$='/edit']"))
    assert re.fullmatch(r"/varnamo/quotas/\d+/edit", page.path)
    field = page.locator("#persons")
    expect(field).to_have_value("120")
    field.fill("abc")
    page.submit()

    # The same form again, the error beside the field and tied to it, what was typed kept.
    assert re.fullmatch(r"/varnamo/quotas/\d+/edit", page.path)
    error = page.locator("#persons-error")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page.locator(".field").filter(has=page.locator("#persons"))).to_contain_text(error.inner_text())
    expect(field).to_have_value("abc")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile(r"\bpersons-error\b"))
    expect(field).to_have_accessible_description(re.compile(re.escape(error.inner_text())))
    summary = page.get_by_role("alert")
    expect(summary.locator("a[href='#persons']")).to_be_visible()

    field.fill("150")
    page.submit()

    assert page.path == "/varnamo/quotas/"
    expect(page.get_by_role("status")).to_contain_text("2025")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="2025"))
    expect(row.get_by_role("cell").first).to_have_text("150")


def test_the_error_summary_lists_the_fields_in_page_order_and_leads_to_them(page):
    page.log_in("unit_admin_a")
    page.goto("/varnamo/quotas/new")
    page.locator("#year").fill("abc")
    page.submit()

    fields = page.locator("main form").locator("input:not([type=hidden])")
    expect(fields).to_have_count(2)
    field_ids = [element.get_attribute("id") for element in fields.all()]
    links = page.get_by_role("alert").get_by_role("link")
    expect(links).to_have_count(2)
    assert [link.get_attribute("href") for link in links.all()] == [f"#{id_}" for id_ in field_ids]
    expect(page.locator("#year")).to_have_value("abc")

    links.first.click()
    expect(page.locator("#year")).to_be_focused()


def test_a_coordinator_cannot_enter_another_municipality(page):
    page.log_in("coordinator_a")

    page.goto("/gislaved/", status=403)
    expect(page.get_by_role("heading", level=1)).not_to_be_empty()
    expect(page.locator("main")).to_contain_text("403")
    expect(page.locator("main a[href='/']")).to_be_visible()

    page.goto("/gislaved/quotas/", status=403)
    page.goto("/varnamo/quotas/new", status=403)  # her own municipality, but only unit admins add quotas
