"""An invitation's link: it opens a page to choose a password, logs the new user in, works once, expires
after ``INVITATION_DAYS``, and a tampered, expired or spent link gets a page that says so, never a 500."""

from __future__ import annotations

import html
import re

import pytest
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner

from hemvist.auth import invitations
from hemvist.auth import operations as auth
from hemvist.extensions import db
from tests.conftest import USERS, Client
from tests.signup import conftest as mail_fixtures
from tests.signup.conftest import BASE_URL, body

# Mail to a closed port unless a test asks for the mailbox (a real SMTP server), links under BASE_URL.
app_overrides = mail_fixtures.app_overrides
mailbox = mail_fixtures.mailbox

NEW_PASSWORD = "a long and new password"
LINK = re.compile(re.escape(BASE_URL) + r"(/invitation/[A-Za-z0-9_.-]+)\?lang=(sv|en)")
REFUSED = 404


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def invite(admin, lang: str = "en", **fields):
    data = {"email": "Maja.Berg@Vetlanda.example", "name": "Maja Berg", "locale": "en", "municipality": "",
            "role": "coordinator", "county": ""}  # fmt: skip
    data.update(fields)
    return admin.submit(f"/admin/users/invite?lang={lang}", data)


@pytest.fixture
def admin(login):
    return login("platform_admin")


@pytest.fixture
def invited(app) -> int:
    """A user made without a password, as the administration's invitation makes one: their id."""
    with app.app_context():
        user = auth.create_user("maja.berg@vetlanda.example", "Maja Berg", locale="en")
        return user.id


def token_for(app, user_id: int) -> str:
    with app.app_context():
        return invitations.make_token(db.session.get(auth.User, user_id))


def choose_password(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    """Send the form of the invitation's page; the CSRF token comes from the login page, as a refused link's
    page has no form."""
    data = {"password": password, "confirm": password if confirm is None else confirm}
    return client.submit(f"{path}?lang=en", data, form_url="/login")


def has_password(app, user_id: int) -> bool:
    with app.app_context():
        return db.session.get(auth.User, user_id).password_hash is not None


def test_the_invitation_mail_leads_to_a_password_and_into_the_workspace(app, admin, client, tenant_a, mailbox):
    response = invite(admin, municipality=str(tenant_a.id))
    assert response.status_code == 302
    [(recipients, message)] = mailbox.wait_for(1)
    assert recipients == ["maja.berg@vetlanda.example"]
    assert message["Subject"] == "You are invited to Hemvist"
    content = body(message)
    assert "Alva Admin has invited you to Hemvist" in content
    assert "Värnamo, as Coordinator" in content
    assert "works for 7 days" in content
    path, lang = LINK.search(content).groups()
    assert lang == "en"

    shown = client.get(f"{path}?lang=en")
    assert shown.status_code == 200
    assert "Choose your password" in text(shown) and "maja.berg@vetlanda.example" in text(shown)
    response = choose_password(client, path)
    assert response.status_code == 302 and response.headers["Location"] == "/home"
    # Logged in, straight to her one workspace.
    assert client.get("/home").headers["Location"] == "/varnamo/"
    assert client.get("/varnamo/").status_code == 200

    # The link is spent; the password works for logging in.
    again = Client(app.test_client()).get(f"{path}?lang=en")
    assert again.status_code == REFUSED and "has been used already" in text(again)
    assert Client(app.test_client()).login("maja.berg@vetlanda.example", NEW_PASSWORD).status_code == 302


def test_opening_the_link_changes_nothing_only_the_form_does(app, client, invited):
    path = f"/invitation/{token_for(app, invited)}"
    for _ in range(3):  # a mail scanner, a preview, the person
        assert client.get(path).status_code == 200
    assert not has_password(app, invited)
    assert choose_password(client, path).status_code == 302
    assert has_password(app, invited)


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("", "", "Choose a password."),
        ("too short", "too short", "A password has 10 to 1024 characters."),
        ("x" * 1025, "x" * 1025, "A password has 10 to 1024 characters."),
        (NEW_PASSWORD, NEW_PASSWORD + "!", "The two passwords are not the same."),
    ],
)
def test_a_refused_password_says_why_and_the_link_still_works(app, client, invited, password, confirm, message):
    path = f"/invitation/{token_for(app, invited)}"
    response = choose_password(client, path, password, confirm)
    assert response.status_code == 400 and message in text(response)
    assert NEW_PASSWORD not in text(response)  # a password is never sent back
    assert not has_password(app, invited)
    assert choose_password(client, path).status_code == 302


def test_an_expired_link_is_refused_with_a_page_that_says_so(app, client, invited, monkeypatch):
    path = f"/invitation/{token_for(app, invited)}"
    days = app.config["INVITATION_DAYS"]
    assert days == 7
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + (days * 24 - 1) * 3600)
    assert client.get(path).status_code == 200  # an hour left
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + days * 86400 + 2)
    for response in (client.get(f"{path}?lang=en"), choose_password(client, path)):
        assert response.status_code == REFUSED
        assert "This invitation has expired." in text(response)
    assert not has_password(app, invited)


def test_a_shorter_validity_is_honoured(app, client, invited, monkeypatch):
    app.config["INVITATION_DAYS"] = 1
    path = f"/invitation/{token_for(app, invited)}"
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + 2 * 86400)
    assert client.get(path).status_code == REFUSED


def test_a_tampered_or_foreign_link_is_refused(app, client, invited):
    token = token_for(app, invited)
    payload, _, rest = token.partition(".")
    with app.app_context():
        other_salt = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="hemvist-landlord-link:kommun_0683")
        foreign = other_salt.dumps([invited, "x"])
        wrong_key = URLSafeTimedSerializer("another secret", salt=invitations.SALT).dumps([invited, "x"])
        forged_id = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=invitations.SALT).dumps(["1", "x"])
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + rest,
        "not-a-token",
        "." * 40,
        "x" * 3000,
        foreign,
        wrong_key,
        forged_id,
    ):
        for response in (client.get(f"/invitation/{bad}?lang=en"), choose_password(client, f"/invitation/{bad}")):
            assert response.status_code == REFUSED, bad
            assert "This link is not valid." in text(response)
    assert not has_password(app, invited)


def test_the_link_carries_no_password_hash(app, invited):
    with app.app_context():
        auth.set_password(db.session.get(auth.User, invited), NEW_PASSWORD)
        db.session.commit()
        user = db.session.get(auth.User, invited)
        token = invitations.make_token(user)
        payload = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=invitations.SALT).loads(token)
        assert payload[0] == invited and user.password_hash not in token and "argon2" not in str(payload)


def test_a_link_never_replaces_a_password_someone_chose(app, client):
    """A link made for a user who has a password (by mistake, or an old one) does not reset it."""
    with app.app_context():
        anna = auth.find_user(USERS["coordinator_a"].email)
        path = f"/invitation/{invitations.make_token(anna)}"
    assert client.get(f"{path}?lang=en").status_code == REFUSED
    assert choose_password(client, path).status_code == REFUSED
    assert Client(app.test_client()).login(USERS["coordinator_a"].email).status_code == 302  # unchanged


def test_a_deactivated_users_link_is_refused(app, client, invited):
    path = f"/invitation/{token_for(app, invited)}"
    with app.app_context():
        auth.set_active(db.session.get(auth.User, invited), False)
    assert client.get(path).status_code == REFUSED
    assert choose_password(client, path).status_code == REFUSED


def test_of_two_uses_of_one_link_only_one_sets_the_password(app, invited):
    token = token_for(app, invited)
    with app.test_request_context("/?lang=en"):
        invitations.accept(token, NEW_PASSWORD)
        with pytest.raises(invitations.InvitationError) as refused:
            invitations.accept(token, "someone else's password")
        assert refused.value.reason == invitations.SPENT
    assert Client(app.test_client()).login("maja.berg@vetlanda.example", NEW_PASSWORD).status_code == 302


def test_accepting_while_logged_in_as_someone_else_logs_in_the_invited_user(app, login, invited):
    anna = login("coordinator_a")
    response = choose_password(anna, f"/invitation/{token_for(app, invited)}")
    assert response.status_code == 302
    assert "Maja Berg" in text(anna.get("/account"))


def test_every_link_of_a_user_works_until_one_is_used(app, client, invited, monkeypatch):
    first = f"/invitation/{token_for(app, invited)}"
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + 60)  # sent again a minute later
    second = f"/invitation/{token_for(app, invited)}"
    assert first != second
    assert client.get(first).status_code == client.get(second).status_code == 200
    assert choose_password(client, second).status_code == 302
    assert client.get(first).status_code == REFUSED
