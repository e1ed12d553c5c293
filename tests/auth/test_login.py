"""Logging in, landing where one belongs, logging out."""

from __future__ import annotations

import pytest

from hemvist import create_app
from tests.conftest import PASSWORD, USERS, Client


@pytest.mark.parametrize(
    ("user", "destination"),
    [
        ("coordinator_a", "/varnamo/"),
        ("coordinator_b", "/gislaved/"),
        ("county_06", "/county/06/"),
        ("platform_admin", "/admin/"),
    ],
)
def test_a_user_with_one_place_lands_there(client, user, destination):
    response = client.login(USERS[user].email)
    assert response.headers["Location"] == "/home"
    assert client.get("/home").headers["Location"] == destination
    assert client.get(destination).status_code == 200


def test_a_user_with_several_workspaces_picks_one(client):
    client.login(USERS["two_workspaces"].email)
    picker = client.get("/home")
    assert picker.status_code == 200
    page = picker.get_data(as_text=True)
    assert 'href="/varnamo/"' in page and 'href="/gislaved/"' in page
    assert client.get("/gislaved/").status_code == 200
    assert client.get("/varnamo/").status_code == 200


def test_a_user_without_access_is_told_so(client):
    client.login(USERS["no_access"].email)
    page = client.get("/home?lang=en").get_data(as_text=True)
    assert "No access yet" in page


def test_a_wrong_password_keeps_the_address_and_says_what_is_wrong(client):
    response = client.submit("/login?lang=en", {"email": USERS["coordinator_a"].email, "password": "wrong"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The e-mail address or the password is wrong." in page
    assert f'value="{USERS["coordinator_a"].email}"' in page
    assert client.get("/home").status_code == 302  # still not logged in: back to the login page


def test_an_empty_form_gets_one_message_per_field(client):
    page = client.submit("/login?lang=en", {"email": "", "password": ""}).get_data(as_text=True)
    assert "Enter your e-mail address." in page
    assert "Enter your password." in page


def test_the_address_is_matched_whatever_its_case(client):
    response = client.login("  " + USERS["coordinator_a"].email.upper() + " ")
    assert response.status_code == 302


def test_a_deactivated_user_cannot_log_in_and_is_logged_out(app, client, login):
    from hemvist.auth.operations import find_user
    from hemvist.extensions import db

    logged_in = login("coordinator_a")
    with app.app_context():
        find_user(USERS["coordinator_a"].email).active = False
        db.session.commit()
    assert logged_in.get("/varnamo/").status_code == 302
    assert client.login(USERS["coordinator_a"].email).status_code == 200


def test_after_login_the_user_returns_to_the_page_asked_for(client):
    assert client.get("/varnamo/quotas/").headers["Location"] == "/login?next=/varnamo/quotas/"
    response = client.submit(
        "/login?next=/varnamo/quotas/", {"email": USERS["coordinator_a"].email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/varnamo/quotas/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_login_never_redirects_off_site(client, target):
    response = client.submit(f"/login?next={target}", {"email": USERS["coordinator_a"].email, "password": PASSWORD})
    assert response.headers["Location"] == "/home"


def test_logout_needs_a_post_with_a_token(client, login):
    logged_in = login("coordinator_a")
    assert logged_in.get("/logout").status_code == 405
    assert logged_in.http.post("/logout").status_code == 400  # no CSRF token
    assert logged_in.get("/varnamo/").status_code == 200
    response = logged_in.logout()
    assert response.headers["Location"] == "/login"
    assert logged_in.get("/varnamo/").status_code == 302


def test_a_form_without_its_token_is_refused_with_a_translated_page(client):
    response = client.http.post("/login?lang=en", data={"email": USERS["coordinator_a"].email, "password": PASSWORD})
    assert response.status_code == 400
    assert "The form had expired" in response.get_data(as_text=True)


def test_failed_logins_are_rate_limited_per_address(app_overrides):
    app = create_app({**app_overrides, "LOGIN_RATE_LIMIT": "3 per minute"})
    client = Client(app.test_client())
    for _ in range(3):
        assert client.submit("/login", {"email": "x@example.se", "password": "nope"}).status_code == 200
    response = client.submit("/login?lang=en", {"email": USERS["coordinator_a"].email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_successful_logins_do_not_count_against_the_limit(app_overrides):
    app = create_app({**app_overrides, "LOGIN_RATE_LIMIT": "2 per minute"})
    for _ in range(4):
        client = Client(app.test_client())
        assert client.login(USERS["coordinator_a"].email).status_code == 302


def test_session_cookies_are_http_only_and_same_site(client):
    response = client.login(USERS["coordinator_a"].email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cookies_are_secure_outside_development(app_overrides):
    production = create_app(
        {**app_overrides, "TESTING": False, "ENV": "production", "BASE_URL": "https://hemvist.example.se"}
    )
    development = create_app({**app_overrides, "TESTING": False, "ENV": "development"})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["REMEMBER_COOKIE_SECURE"] is True
    assert development.config["SESSION_COOKIE_SECURE"] is False


def test_production_refuses_to_start_without_a_secret_key(app_overrides):
    with pytest.raises(RuntimeError, match="HEMVIST_SECRET_KEY"):
        create_app({**app_overrides, "TESTING": False, "ENV": "production", "SECRET_KEY": ""})


def test_production_refuses_to_start_with_links_to_localhost(app_overrides):
    # Every link mailed to a landlord would lead to the server's own loopback address.
    with pytest.raises(RuntimeError, match="HEMVIST_BASE_URL"):
        create_app({**app_overrides, "TESTING": False, "ENV": "production"})


def test_production_hashes_with_rfc_9106_parameters(app_overrides):
    from hemvist.auth.passwords import hash_password

    create_app({**app_overrides, "PASSWORD_HASH_PROFILE": "RFC_9106_LOW_MEMORY"})
    assert hash_password("a-long-password").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    create_app(app_overrides)  # back to the test suite's cheap parameters


def test_rate_limit_counters_go_to_redis_when_configured(app_overrides):
    app = create_app({**app_overrides, "REDIS_URL": "redis://127.0.0.1:6379/15"})
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/15"
    assert create_app(app_overrides).config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_logging_out_keeps_the_chosen_language(login):
    client = login("coordinator_a")
    client.get("/varnamo/?lang=en")
    response = client.logout()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You are logged out." in page
    assert '<html lang="en">' in page


def test_a_user_with_several_places_can_switch_from_any_page(login):
    page = login("two_workspaces").get("/gislaved/?lang=en").get_data(as_text=True)
    assert 'href="/home">Switch workspace</a>' in page
    single = login("coordinator_a").get("/varnamo/?lang=en").get_data(as_text=True)
    assert "Switch workspace" not in single


def test_an_anonymous_visitor_is_asked_to_log_in(client):
    response = client.get("/varnamo/quotas/?lang=en")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Log in to continue." in page
