"""A user keeps the details colleagues and landlords see: name, phone, department, and the language."""

from __future__ import annotations

from hemvist.auth.models import Department
from hemvist.auth.operations import find_user
from tests.conftest import USERS


def stored(app, key):
    with app.app_context():
        user = find_user(USERS[key].email)
        return user.name, user.phone, user.department, user.locale


def test_a_user_saves_name_phone_department_and_language(app, login):
    anna = login("coordinator_a")
    response = anna.submit(
        "/account",
        {"name": "Anna Lindqvist", "phone": "0370-37 70 01", "department": "social_services", "locale": "en"},
    )
    assert response.headers["Location"] == "/account"
    assert stored(app, "coordinator_a") == ("Anna Lindqvist", "+46370377001", Department.SOCIAL_SERVICES, "en")
    page = anna.get("/account").get_data(as_text=True)
    assert "Your details are saved." in page
    assert 'value="0370-37 70 01"' in page
    assert '<html lang="en">' in page


def test_bad_input_is_explained_and_kept(app, login):
    anna = login("coordinator_a")
    before = stored(app, "coordinator_a")
    page = anna.submit(
        "/account?lang=en", {"name": "", "phone": "12ab", "department": "secret-police", "locale": "en"}
    ).get_data(as_text=True)
    assert "Enter your name." in page
    assert "This is not a valid phone number" in page
    assert "Not a valid choice" in page
    assert 'value="12ab"' in page
    assert stored(app, "coordinator_a")[:3] == before[:3]


def test_the_account_page_needs_a_login(client):
    assert client.get("/account").headers["Location"].startswith("/login")
