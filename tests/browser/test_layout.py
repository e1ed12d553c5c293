"""The layout on a phone and with the keyboard alone, and the accessibility check itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_results
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def assert_within_screen(locator) -> None:
    """Every element ``locator`` matches is visible and lies between the screen's left and right edges."""
    assert locator.count() > 0
    for element in locator.all():
        expect(element).to_be_visible()
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (element, box)


def test_on_a_phone_the_navigation_and_the_forms_stay_usable(phone):
    # Every page the phone visits is also checked for sideways scrolling (see CheckedPage).
    phone.goto("/")
    assert_within_screen(phone.locator("header a"))
    phone.goto("/login")
    assert_within_screen(phone.locator("main form input:visible, main form button"))

    phone.log_in("unit_admin_a")

    assert phone.path == "/varnamo/"
    assert_within_screen(phone.locator(".workspace-nav a"))
    assert_within_screen(phone.locator(".language-switch a"))
    assert_within_screen(phone.locator("header").get_by_role("button"))

    phone.follow(phone.locator(".workspace-nav a[href='/varnamo/quotas/']"))
    phone.follow("main a[href='/varnamo/quotas/new']")
    assert_within_screen(phone.locator("main form input:visible, main form button, main form a"))
    phone.locator("#year").fill("2026")
    phone.locator("#persons").fill("12 000")
    phone.submit()

    assert phone.path == "/varnamo/quotas/"
    assert_within_screen(phone.get_by_role("table"))
    expect(phone.get_by_role("row").filter(has=phone.get_by_role("rowheader", name="2026"))).to_be_visible()

    phone.follow(phone.locator("header").get_by_role("button"))
    assert phone.path == "/login"


@pytest.mark.parametrize("user, path", [(None, "/"), ("coordinator_a", "/varnamo/")])
def test_the_skip_link_is_the_first_tab_stop_and_leads_to_the_main_content(page, user, path):
    if user:
        page.log_in(user)
    page.goto(path)

    page.keyboard.press("Tab")

    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#main")
    expect(skip_link).to_be_in_viewport()
    expect(skip_link).not_to_be_empty()

    page.keyboard.press("Enter")

    expect(page.locator(":focus")).to_have_id("main")
    page.keyboard.press("Tab")
    expect(page.locator("main :focus")).to_have_count(1)  # the next stop is inside the main content


def test_the_accessibility_check_finds_violations(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<html><body><img src="photo.png"><a href="/x"></a></body></html>')
        violations = {violation["id"] for violation in axe_results(page)["violations"]}
    finally:
        context.close()
    assert {"html-has-lang", "image-alt", "link-name"} <= violations
