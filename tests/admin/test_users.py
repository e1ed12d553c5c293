"""Users in the administration: the list and its search, memberships and roles, county pages, deactivation
and platform administration. Every change is in the log; an administrator cannot lock themself out."""

from __future__ import annotations

import html

import sqlalchemy as sa

from hemvist.auth import operations as auth
from hemvist.extensions import db
from hemvist.tenancy.models import County, Municipality
from tests.admin.conftest import account, log_rows
from tests.conftest import PASSWORD, USERS, Client


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def page_of(app, key: str) -> str:
    return f"/admin/users/{account(app, USERS[key].email).id}/"


def post(admin, page: str, action: str, data: dict | None = None, lang: str = "en"):
    """Press a button of the user's page: post ``data`` to ``page + action``."""
    return admin.submit(f"{page}{action}?lang={lang}", data or {}, form_url=page)


def municipality_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Municipality.id).where(Municipality.slug == slug))


def test_the_list_shows_state_and_access_and_searches_names_and_addresses(app, admin):
    page = text(admin.get("/admin/users/?lang=en"))
    assert f"{len(USERS)} users." in page
    assert "Sara Region" in page and "Gislaved (Coordinator), Värnamo (Coordinator)" in page
    assert "Jönköpings län (county page)" in page
    assert "Platform administrator" in page

    found = text(admin.get("/admin/users/?lang=en&q=LANSSTYRELSEN.test"))
    assert "2 users match." in found and "Karin Länsstyrelsen" in found and "Anna Samordnare" not in found
    assert "1 user matches." in text(admin.get("/admin/users/?lang=en&q=samord"))
    # Wildcards are letters like any other.
    assert "0 users match." in text(admin.get("/admin/users/?lang=en&q=%25"))
    assert "0 users match." in text(admin.get("/admin/users/?lang=en&q=_"))


def test_the_list_comes_in_pages(app, admin):
    with app.app_context():
        for number in range(30):
            auth.create_user(f"user{number:02d}@paging.test", f"Paging {number:02d}", commit=False)
        db.session.commit()
    first = text(admin.get("/admin/users/?lang=en&q=paging"))
    assert "30 users match." in first and "Paging 00" in first and "Paging 25" not in first
    second = text(admin.get("/admin/users/?lang=en&q=paging&page=2"))
    assert "Paging 25" in second and "Paging 00" not in second
    assert 'href="/admin/users/?page=1&amp;q=paging"' in admin.get("/admin/users/?q=paging&page=2").get_data(
        as_text=True
    )


def test_memberships_are_given_changed_and_taken_away(app, admin, login):
    page = page_of(app, "coordinator_b")
    uppsala = municipality_id(app, "uppsala")
    assert post(admin, page, "memberships", {"municipality": str(uppsala), "role": "read_only"}).status_code == 302
    johan = account(app, USERS["coordinator_b"].email)
    assert johan.memberships == {"gislaved": "coordinator", "uppsala": "read_only"}
    assert login("coordinator_b").get("/uppsala/").status_code == 200

    membership = _membership_id(app, johan.id, uppsala)
    assert post(admin, page, f"memberships/{membership}/role", {"role": "unit_admin"}).status_code == 302
    assert account(app, USERS["coordinator_b"].email).memberships["uppsala"] == "unit_admin"

    response = post(admin, page, f"memberships/{membership}/remove")
    assert response.status_code == 302
    assert account(app, USERS["coordinator_b"].email).memberships == {"gislaved": "coordinator"}
    assert login("coordinator_b").get("/uppsala/").status_code == 403

    email = USERS["coordinator_b"].email
    assert log_rows(app) == [
        ("membership_granted", email, {"municipality": "Uppsala", "role": "read_only"}),
        ("role_changed", email, {"municipality": "Uppsala", "from_role": "read_only", "role": "unit_admin"}),
        ("membership_removed", email, {"municipality": "Uppsala", "role": "unit_admin"}),
    ]


def _membership_id(app, user_id: int, municipality: int) -> int:
    from hemvist.auth.models import Membership

    with app.app_context():
        return db.session.scalar(
            sa.select(Membership.id).where(Membership.user_id == user_id, Membership.municipality_id == municipality)
        )


def test_a_refused_membership_form_says_why_and_changes_nothing(app, admin):
    page = page_of(app, "coordinator_b")
    for data, message in (
        ({"municipality": "", "role": "coordinator"}, "Choose a municipality."),
        ({"municipality": "999999", "role": "coordinator"}, "Choose a municipality from the list."),
        ({"municipality": str(municipality_id(app, "uppsala")), "role": "king"}, "Choose a role from the list."),
    ):
        response = post(admin, page, "memberships", data)
        assert response.status_code == 400 and message in text(response)
    # Gislaved is not offered again to its own member: its role is changed in the table instead.
    refused = post(admin, page, "memberships", {"municipality": str(municipality_id(app, "gislaved"))})
    assert refused.status_code == 400
    assert account(app, USERS["coordinator_b"].email).memberships == {"gislaved": "coordinator"}
    assert log_rows(app) == []


def test_another_users_membership_is_not_found_through_this_user(app, admin):
    anna = account(app, USERS["coordinator_a"].email)
    johans_page = page_of(app, "coordinator_b")
    annas_membership = _membership_id(app, anna.id, municipality_id(app, "varnamo"))
    response = post(admin, johans_page, f"memberships/{annas_membership}/remove")
    assert response.status_code == 404
    assert account(app, USERS["coordinator_a"].email).memberships == {"varnamo": "coordinator"}


def test_county_pages_also_for_a_county_with_no_municipality_on_the_service(app, admin, login):
    page = page_of(app, "no_access")
    with app.app_context():
        assert db.session.get(County, "25") is None  # Norrbottens län
    assert post(admin, page, "counties", {"county": "25"}).status_code == 302
    assert account(app, USERS["no_access"].email).counties == ["25"]
    nils = login("no_access")
    assert nils.get("/county/25/").status_code == 200

    refused = post(admin, page, "counties", {"county": "99"})
    assert refused.status_code == 400 and "Choose a county from the list." in text(refused)
    assert post(admin, page, "counties/25/remove").status_code == 302
    assert account(app, USERS["no_access"].email).counties == []
    assert nils.get("/county/25/").status_code == 403
    email = USERS["no_access"].email
    assert log_rows(app) == [
        ("county_access_granted", email, {"county": "Norrbottens län"}),
        ("county_access_removed", email, {"county": "Norrbottens län"}),
    ]


def test_a_deactivated_user_is_logged_out_and_may_come_back(app, admin, login):
    anna = login("coordinator_a")
    page = page_of(app, "coordinator_a")
    confirm = admin.get(f"{page}deactivate?lang=en")
    assert confirm.status_code == 200 and "Deactivate Anna Samordnare?" in text(confirm)
    assert post(admin, page, "deactivate").status_code == 302
    assert not account(app, USERS["coordinator_a"].email).active
    assert anna.get("/varnamo/").status_code == 302  # logged out: to the login page
    assert Client(app.test_client()).login(USERS["coordinator_a"].email).status_code == 200  # refused
    assert "Deactivated" in text(admin.get("/admin/users/?lang=en&q=anna"))

    assert post(admin, page, "reactivate").status_code == 302
    assert login("coordinator_a").get("/varnamo/").status_code == 200
    assert [row[0] for row in log_rows(app)] == ["user_deactivated", "user_reactivated"]


def test_an_admin_cannot_lock_themself_out(app, admin):
    page = page_of(app, "platform_admin")
    shown = text(admin.get(f"{page}?lang=en"))
    assert f"{page}deactivate" not in shown and f"{page}platform-admin/remove" not in shown
    # Posted all the same (an old tab, a crafted form): refused in words.
    for action, message in (
        ("deactivate", "You cannot deactivate yourself."),
        ("platform-admin/remove", "You cannot remove your own administrator rights."),
    ):
        response = post(admin, page, action)
        assert response.status_code == 302
        assert message in text(admin.get(f"{page}?lang=en"))
    me = account(app, USERS["platform_admin"].email)
    assert me.active and me.platform_admin
    assert log_rows(app) == []
    assert admin.get("/admin/").status_code == 200


def test_platform_administration_is_given_and_taken_away(app, admin, login):
    page = page_of(app, "county_06")
    assert post(admin, page, "platform-admin/grant").status_code == 302
    karin = login("county_06")
    assert karin.get("/admin/").status_code == 200
    assert post(admin, page, "platform-admin/remove").status_code == 302
    assert karin.get("/admin/").status_code == 403
    assert [row[0] for row in log_rows(app)] == ["platform_admin_granted", "platform_admin_removed"]


def test_the_buttons_addresses_lead_back_to_the_page_on_get(app, admin):
    page = page_of(app, "coordinator_b")
    for action in ("memberships", "counties", "reactivate", "platform-admin/grant", "invite-again"):
        response = admin.get(f"{page}{action}")
        assert response.status_code == 302 and response.headers["Location"] == page
    assert log_rows(app) == []
    assert admin.get("/admin/users/999999/").status_code == 404
    assert PASSWORD  # the test users' password is unchanged by any of it
