"""The demo's administration: one user invited and not in yet, a few lines in the log, loaded once."""

from __future__ import annotations

from hemvist.admin.demo import ADMIN, INVITED, load_demo
from hemvist.extensions import db
from tests.admin.conftest import account, log_rows
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
