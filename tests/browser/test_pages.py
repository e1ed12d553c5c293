"""The pages no journey passes through, with a Swedish and with an English browser: each gets the checks."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# user (None: anonymous) → [(path, status, path shown)] in the order visited.
TOUR = {
    None: [("/", 200, "/"), ("/no/such/page", 404, "/no/such/page"), ("/logout", 405, "/logout")],
    "county_06": [
        ("/home", 200, "/county/06/"),
        ("/county/03/", 403, "/county/03/"),
        ("/admin/", 403, "/admin/"),
    ],
    "platform_admin": [("/admin/", 200, "/admin/"), ("/county/03/", 200, "/county/03/")],
    "no_access": [("/home", 200, "/home"), ("/varnamo/", 403, "/varnamo/")],
}


@pytest.mark.parametrize("locale, lang", [("sv-SE", "sv"), ("en-GB", "en")])
def test_every_other_page_in_the_browsers_language(open_page, locale, lang):
    page = open_page(locale=locale)
    for user, stops in TOUR.items():
        page.context.clear_cookies()  # a new session for each user
        if user:
            page.log_in(user)
        for path, status, shown in stops:
            page.goto(path, status=status)
            assert page.path == shown
            assert page.lang == lang
            expect(page.get_by_role("heading", level=1)).not_to_be_empty()
