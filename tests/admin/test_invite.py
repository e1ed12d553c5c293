"""Inviting users from the administration: the form, who may be invited, the mail in the invitee's
language, sending it again, and a mail server that does not answer."""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa

from hemvist.auth import operations as auth
from hemvist.auth.models import User
from hemvist.extensions import db
from tests.admin.conftest import BASE_URL, account, body, log_rows
from tests.conftest import USERS

MAJA = "maja.berg@vetlanda.example"
LINK = re.compile(re.escape(BASE_URL) + r"/invitation/[A-Za-z0-9_.-]+\?lang=(sv|en)")


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def invite(admin, lang: str = "en", **fields):
    data = {"email": MAJA, "name": "Maja Berg", "locale": "sv", "municipality": "", "role": "coordinator",
            "county": ""}  # fmt: skip
    data.update(fields)
    return admin.submit(f"/admin/users/invite?lang={lang}", {k: v for k, v in data.items() if v is not None})


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def test_an_invitation_creates_the_user_with_the_access_asked_for(app, admin, tenant_b, mailbox):
    response = invite(admin, email="  Maja.Berg@Vetlanda.example ", municipality=str(tenant_b.id),
                      role="unit_admin", county="25")  # fmt: skip
    assert response.status_code == 302
    maja = account(app, MAJA)
    assert response.headers["Location"] == f"/admin/users/{maja.id}/"
    assert (maja.name, maja.locale, maja.active, maja.has_password) == ("Maja Berg", "sv", True, False)
    assert maja.memberships == {"gislaved": "unit_admin"} and maja.counties == ["25"]

    page = text(admin.get(f"/admin/users/{maja.id}/?lang=en"))
    assert "The invitation is sent to maja.berg@vetlanda.example." in page
    assert "Invited, no password yet" in page and "Send the invitation again" in page

    [(recipients, message)] = mailbox.wait_for(1)
    assert recipients == [MAJA]
    # In the invitee's language: the mail says so, and so does its link.
    assert '<html lang="sv">' in message.get_body(("html",)).get_content()
    assert LINK.search(body(message)).group(1) == "sv"
    assert "Alva Admin" in body(message) and "Gislaved" in body(message) and "Norrbottens län" in body(message)

    [(action, subject, details)] = log_rows(app)
    assert (action, subject) == ("user_invited", MAJA)
    assert details == {"name": "Maja Berg", "locale": "sv", "municipality": "Gislaved", "role": "unit_admin",
                       "county": "Norrbottens län", "mailed": True}  # fmt: skip


def test_a_user_without_a_password_is_invited_again_and_can_be_sent_it_again(app, admin, mailbox):
    assert invite(admin, locale="en").status_code == 302
    assert invite(admin, name="Maja Berg-Lind", locale="en").status_code == 302
    assert account(app, MAJA).name == "Maja Berg-Lind"
    maja = account(app, MAJA)
    response = admin.submit(f"/admin/users/{maja.id}/invite-again", {}, form_url=f"/admin/users/{maja.id}/")
    assert response.status_code == 302
    messages = mailbox.wait_for(3)
    assert len(messages) == 3 and all(LINK.search(body(m)).group(1) == "en" for _, m in messages)
    assert [row[0] for row in log_rows(app)] == ["user_invited", "user_invited", "invitation_sent_again"]


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"email": ""}, "email", "Enter the e-mail address."),
        ({"email": "not an address"}, "email", "This is not a valid e-mail address."),
        ({"name": "  "}, "name", "Enter the name."),
        ({"municipality": "999999"}, "municipality", "Choose a municipality from the list."),
        ({"county": "99"}, "county", "Choose a county from the list."),
        ({"role": "owner"}, "role", "Choose a role from the list."),
        ({"locale": "de"}, "locale", "Choose Swedish or English."),
        ({"email": None, "name": None, "locale": None, "role": None}, "email", "Enter the e-mail address."),
    ],
)
def test_a_refused_invitation_says_why_keeps_what_was_typed_and_sends_nothing(
    app, admin, mailbox, fields, field_id, message
):
    before = user_count(app)
    response = invite(admin, **fields)
    page = text(response)
    assert response.status_code == 400
    assert message in page and f'id="{field_id}-error"' in page
    if fields.get("email"):
        assert f'value="{fields["email"]}"' in page
    assert user_count(app) == before
    assert mailbox.messages == [] and log_rows(app) == []


@pytest.fixture
def per(app) -> int:
    """A user with a password and an address the form accepts (the test users' .test domain it does not)."""
    with app.app_context():
        return auth.create_user("per.ek@vetlanda.example", "Per Ek", "a password of his own").id


def test_someone_with_an_account_is_not_invited(app, admin, mailbox, per):
    response = invite(admin, email="Per.Ek@vetlanda.example")
    assert response.status_code == 400
    assert "per.ek@vetlanda.example already has an account. Give them access on their page instead." in text(response)
    admin.submit(f"/admin/users/{per}/deactivate", {})
    response = invite(admin, email="per.ek@vetlanda.example")
    assert response.status_code == 400 and "belongs to a deactivated user" in text(response)
    assert mailbox.messages == [] and [row[0] for row in log_rows(app)] == ["user_deactivated"]


def test_no_invitation_is_sent_again_to_someone_with_a_password(app, admin, mailbox):
    anna = account(app, USERS["coordinator_a"].email)
    page = f"/admin/users/{anna.id}/"
    assert "Send the invitation again" not in text(admin.get(page + "?lang=en"))
    response = admin.submit(page + "invite-again?lang=en", {}, form_url=page, follow_redirects=True)
    assert "has chosen a password already" in text(response)
    assert mailbox.messages == [] and log_rows(app) == []


def test_when_the_mail_server_does_not_answer_the_user_exists_and_is_told(app, admin):
    # No mailbox: the application's mail goes to a closed port.
    response = invite(admin)
    assert response.status_code == 302
    page = text(admin.get(response.headers["Location"] + "?lang=en"))
    assert "could not be sent" in page and "Send the invitation again" in page
    assert account(app, MAJA) is not None
    assert log_rows(app)[0][2]["mailed"] is False


def test_the_form_can_start_from_a_municipality(admin, tenant_a):
    page = text(admin.get(f"/admin/users/invite?municipality={tenant_a.id}"))
    assert f'<option selected value="{tenant_a.id}">Värnamo</option>' in page
    assert '<optgroup label="Jönköpings län">' in page


def test_the_municipalities_are_listed_under_their_county_by_name(admin, app):
    page = text(admin.get("/admin/users/invite?lang=en"))
    select = re.search(r'<select[^>]*id="municipality".*?</select>', page, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    # By county name (Jönköpings län before Uppsala län, though its code 06 is after 03), then by name.
    assert [(label, re.findall(r">([^<]+)</option>", options)) for label, options in groups] == [
        ("Jönköpings län", ["Gislaved", "Värnamo"]),
        ("Uppsala län", ["Uppsala"]),
    ]
    # The same list on a user's page, to give access.
    user_page = text(admin.get(f"/admin/users/{account(app, USERS['no_access'].email).id}/?lang=en"))
    select = re.search(r'<select[^>]*id="municipality".*?</select>', user_page, re.S).group(0)
    assert re.findall(r'<optgroup label="([^"]*)">', select) == ["Jönköpings län", "Uppsala län"]
