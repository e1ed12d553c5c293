"""Who may open which page: members their workspace, county boards their county, admins the administration."""

from __future__ import annotations


def test_a_member_of_another_municipality_gets_403(login):
    assert login("coordinator_a").get("/gislaved/").status_code == 403


def test_county_boards_see_their_own_county_only(login):
    karin = login("county_06")
    page = karin.get("/county/06/").get_data(as_text=True)
    assert "Värnamo" in page and "Gislaved" in page and "Uppsala" not in page
    assert karin.get("/county/03/").status_code == 403
    assert karin.get("/county/99/").status_code == 404
    assert karin.get("/county/x1/").status_code == 404
    assert karin.get("/varnamo/").status_code == 403


def test_municipal_staff_cannot_open_county_pages_or_the_administration(login):
    anna = login("coordinator_a")
    assert anna.get("/county/06/").status_code == 403
    assert anna.get("/admin/").status_code == 403


def test_platform_admins_see_every_municipality_but_no_workspace(login):
    admin = login("platform_admin")
    page = admin.get("/admin/").get_data(as_text=True)
    for name in ("Värnamo", "Gislaved", "Uppsala"):
        assert name in page
    # Workspace data is for the municipality's members only.
    assert admin.get("/varnamo/").status_code == 403


def test_only_unit_admins_change_quotas(login):
    assert login("coordinator_a").get("/varnamo/quotas/new").status_code == 403
    assert login("read_only_a").get("/varnamo/quotas/new").status_code == 403
    assert login("unit_admin_a").get("/varnamo/quotas/new").status_code == 200
