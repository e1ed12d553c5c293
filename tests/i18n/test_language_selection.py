"""Which language a page is in: Swedish by default, English on request, and the choice is remembered.

The order (hemvist.core.i18n.select_locale): ``?lang=`` (remembered in the session and saved on the
account), then the session's choice, then the logged-in user's saved choice, then the browser's
Accept-Language, then the municipality's default, which is Swedish.
"""

from __future__ import annotations

import html
import re

from tests.conftest import USERS
from tests.i18n.conftest import heading, page_language

SWEDISH_LOGIN = "Logga in i Hemvist"
ENGLISH_LOGIN = "Log in to Hemvist"


def test_swedish_is_the_default(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert page_language(response) == "sv"
    assert heading(response) == SWEDISH_LOGIN
    assert "Hoppa till huvudinnehållet" in response.get_data(as_text=True)


def test_lang_en_switches_to_english_and_is_remembered(client):
    response = client.get("/login?lang=en")
    assert page_language(response) == "en"
    assert heading(response) == ENGLISH_LOGIN

    # The next request says nothing about language and is still in English.
    again = client.get("/login")
    assert page_language(again) == "en"
    assert heading(again) == ENGLISH_LOGIN
    landing = client.get("/")
    assert "Homes for newcomers in the private rental market" in landing.get_data(as_text=True)


def test_lang_sv_switches_back(client):
    client.get("/login?lang=en")
    assert heading(client.get("/login?lang=sv")) == SWEDISH_LOGIN
    assert heading(client.get("/login")) == SWEDISH_LOGIN


def test_the_language_links_lead_to_this_page_in_the_other_language(client):
    page = client.get("/login?next=/varnamo/quotas/").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en">English</a>', page)
    assert link, "no link to the English version"
    target = html.unescape(link.group(1))
    assert target == "/login?next=%2Fvarnamo%2Fquotas%2F&lang=en"  # the page's own arguments are kept
    assert heading(client.get(target)) == ENGLISH_LOGIN


def test_an_unknown_language_is_ignored(client):
    response = client.get("/login?lang=xx")
    assert response.status_code == 200
    assert page_language(response) == "sv"
    assert heading(response) == SWEDISH_LOGIN


def test_an_unknown_language_does_not_replace_the_remembered_one(client):
    client.get("/login?lang=en")
    assert heading(client.get("/login?lang=xx")) == ENGLISH_LOGIN
    assert heading(client.get("/login")) == ENGLISH_LOGIN


def test_an_unknown_language_is_not_saved_on_the_account(login, saved_locale):
    anna = login("coordinator_a")
    assert page_language(anna.get("/varnamo/?lang=xx")) == "sv"
    assert saved_locale.get("coordinator_a") is None


def test_the_browsers_english_is_used_when_nothing_else_says_otherwise(client):
    for accept_language in ("en", "en-GB,en;q=0.8", "de-DE,en-US;q=0.7"):
        response = client.get("/login", headers={"Accept-Language": accept_language})
        assert page_language(response) == "en", accept_language
        assert heading(response) == ENGLISH_LOGIN


def test_the_browsers_swedish_or_an_unsupported_language_gives_swedish(client):
    for accept_language in ("sv-SE,sv;q=0.9,en;q=0.8", "de-DE,fr;q=0.5"):
        response = client.get("/login", headers={"Accept-Language": accept_language})
        assert page_language(response) == "sv", accept_language
        assert heading(response) == SWEDISH_LOGIN


def test_a_choice_in_this_session_beats_the_browser(client):
    client.get("/login?lang=sv")
    response = client.get("/login", headers={"Accept-Language": "en"})
    assert page_language(response) == "sv"
    assert heading(response) == SWEDISH_LOGIN


def test_a_users_saved_language_is_used_when_this_session_chose_none(client, saved_locale):
    saved_locale.set("coordinator_a", "en")
    client.login(USERS["coordinator_a"].email)  # the login page itself was fetched without ?lang
    response = client.get("/varnamo/")
    assert response.status_code == 200
    assert page_language(response) == "en"
    page = response.get_data(as_text=True)
    assert "Log out" in page and ">Quotas</a>" in page


def test_a_users_saved_language_beats_the_browser(client, saved_locale):
    saved_locale.set("coordinator_a", "sv")
    client.login(USERS["coordinator_a"].email)
    response = client.get("/varnamo/", headers={"Accept-Language": "en"})
    assert page_language(response) == "sv"
    page = response.get_data(as_text=True)
    assert "Logga ut" in page and ">Kommuntal</a>" in page


def test_a_choice_made_before_logging_in_beats_the_saved_language(client, saved_locale):
    saved_locale.set("coordinator_a", "en")
    client.get("/login?lang=sv")
    client.login(USERS["coordinator_a"].email)
    response = client.get("/varnamo/")
    assert page_language(response) == "sv"
    assert "Logga ut" in response.get_data(as_text=True)


def test_a_logged_in_users_choice_is_saved_for_the_next_session(login, saved_locale):
    anna = login("coordinator_a")
    assert page_language(anna.get("/varnamo/?lang=en")) == "en"
    assert saved_locale.get("coordinator_a") == "en"

    # A new session on another device: no ?lang yet, and the page is in English.
    elsewhere = login("coordinator_a")
    response = elsewhere.get("/varnamo/")
    assert page_language(response) == "en"
    assert "Log out" in response.get_data(as_text=True)


def test_a_choice_made_on_the_login_page_is_saved_on_the_account_that_logs_in(client, saved_locale, login):
    saved_locale.set("coordinator_a", "en")
    client.get("/login?lang=sv")
    client.login(USERS["coordinator_a"].email)
    assert saved_locale.get("coordinator_a") == "sv"

    # A new session elsewhere, with nothing chosen in it, is in the language picked on the login page.
    elsewhere = login("coordinator_a")
    assert page_language(elsewhere.get("/varnamo/")) == "sv"


def test_the_previous_persons_choice_is_not_saved_on_the_next_account(client, saved_locale):
    saved_locale.set("coordinator_a", "sv")
    saved_locale.set("coordinator_b", "sv")
    client.get("/login?lang=en")
    client.login(USERS["coordinator_a"].email)
    assert saved_locale.get("coordinator_a") == "en"
    client.logout()  # the session keeps the language for the login page, but nobody chose it for the next one

    client.login(USERS["coordinator_b"].email)
    assert saved_locale.get("coordinator_b") == "sv"
