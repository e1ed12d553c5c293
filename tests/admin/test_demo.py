"""The demo's administration: one user invited and not in yet, a few lines in the log, loaded once."""

from __future__ import annotations

from hemvist.admin.demo import ADMIN, INVITED, load_demo
from hemvist.extensions import db
from tests.admin.conftest import account, log_rows
from tests.conftest import USERS
from tests.landlords.conftest import user


def load(app) -> None:
    with app.app_context():
        load_demo({ADMIN: user("platform_admin")})
        db.session.commit()


def test_the_demo_has_a_pending_invitation_and_a_log(app, admin):
    load(app)
    invited = account(app, INVITED[0])
    assert invited.memberships == {"varnamo": "coordinator"} and not invited.has_password
    assert "Send the invitation again" in admin.get(f"/admin/users/{invited.id}/?lang=en").get_data(as_text=True)
    rows = log_rows(app)
    assert [action for action, _, _ in rows] == [
        "municipality_enabled", "municipality_suspended", "municipality_resumed", "user_invited"]  # fmt: skip
    assert "Invited a user" in admin.get("/admin/log?lang=en").get_data(as_text=True)
    load(app)  # again: nothing more
    assert log_rows(app) == rows


def test_nothing_without_the_demo_administrator(app):
    with app.app_context():
        load_demo({})
        db.session.commit()
    assert account(app, INVITED[0]) is None and log_rows(app) == []


def invitation_link(app, email: str):
    return app.test_cli_runner().invoke(args=["demo", "invitation-link", email])


def test_in_the_demo_an_invitation_is_completed_with_a_printed_link(app, admin, client):
    load(app)
    app.config["DEMO"] = True
    # Inviting again from the page: the mail cannot go, and the page names the command.
    invited = account(app, INVITED[0])
    page = f"/admin/users/{invited.id}/"
    response = admin.submit(page + "invite-again?lang=en", {}, form_url=page, follow_redirects=True)
    assert "flask demo invitation-link ny.samordnare@varnamo.example" in response.get_data(as_text=True)

    result = invitation_link(app, " Ny.Samordnare@Varnamo.example ")
    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith(app.config["BASE_URL"] + "/invitation/") and link.endswith("?lang=sv")
    path = link.removeprefix(app.config["BASE_URL"])
    assert client.get(path).status_code == 200
    data = {"password": "a long and new password", "confirm": "a long and new password"}
    assert client.submit(path, data, form_url="/login").status_code == 302
    assert account(app, INVITED[0]).has_password
    # Spent: the user has a password now, and the command says so rather than print a link.
    assert client.get(path).status_code == 404
    result = invitation_link(app, INVITED[0])
    assert result.exit_code != 0 and "has chosen a password already" in result.output


def test_the_invitation_link_is_printed_in_demo_mode_only_and_for_invited_users_only(app):
    load(app)
    result = invitation_link(app, INVITED[0])
    assert result.exit_code != 0 and "only in demo mode" in result.output and "/invitation/" not in result.output
    app.config["DEMO"] = True
    result = invitation_link(app, "nobody@nowhere.example")
    assert result.exit_code != 0 and "no user with nobody@nowhere.example" in result.output
    result = invitation_link(app, USERS["coordinator_a"].email)
    assert result.exit_code != 0 and "has chosen a password already" in result.output
