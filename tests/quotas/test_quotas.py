"""A unit administrator keeps the municipal quota per year; everyone in the workspace reads it."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.quotas.models import Quota
from hemvist.tenancy.binding import bound


def stored_quotas(app, tenant):
    with app.app_context(), bound(db.session, tenant.schema):
        return dict(db.session.execute(sa.select(Quota.year, Quota.persons)).all())


def test_a_unit_admin_adds_a_year(app, login, tenant_a, tenant_b):
    admin = login("unit_admin_a")
    response = admin.submit("/varnamo/quotas/new?lang=en", {"year": "2027", "persons": "1 120"})
    assert response.headers["Location"] == "/varnamo/quotas/"
    page = admin.get("/varnamo/quotas/").get_data(as_text=True)
    assert "The quota for 2027 is saved." in page
    assert stored_quotas(app, tenant_a) == {2027: 1120}
    assert stored_quotas(app, tenant_b) == {}


def test_a_year_cannot_be_added_twice(app, login, tenant_a):
    admin = login("unit_admin_a")
    admin.submit("/varnamo/quotas/new", {"year": "2027", "persons": "40"})
    response = admin.submit("/varnamo/quotas/new?lang=en", {"year": "2027", "persons": "41"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is already a quota for 2027" in page
    assert stored_quotas(app, tenant_a) == {2027: 40}


def test_bad_input_is_explained_and_kept(app, login, tenant_a):
    admin = login("unit_admin_a")
    response = admin.submit("/varnamo/quotas/new?lang=en", {"year": "twenty", "persons": "-3"})
    page = response.get_data(as_text=True)
    assert "Enter a whole number" in page
    assert "Enter a number from 0 to 100 000." in page
    assert 'value="twenty"' in page and 'value="-3"' in page
    assert stored_quotas(app, tenant_a) == {}


def test_a_unit_admin_corrects_a_quota(app, login, tenant_a):
    admin = login("unit_admin_a")
    admin.submit("/varnamo/quotas/new", {"year": "2027", "persons": "40"})
    with app.app_context(), bound(db.session, tenant_a.schema):
        quota_id = db.session.scalar(sa.select(Quota.id).where(Quota.year == 2027))
    page = admin.submit(f"/varnamo/quotas/{quota_id}/edit?lang=en", {"persons": "many"}).get_data(as_text=True)
    assert 'value="many"' in page
    assert stored_quotas(app, tenant_a) == {2027: 40}
    assert admin.submit(f"/varnamo/quotas/{quota_id}/edit", {"persons": "38"}).status_code == 302
    assert stored_quotas(app, tenant_a) == {2027: 38}


def test_coordinators_read_quotas_without_edit_links(login, app, tenant_a):
    login("unit_admin_a").submit("/varnamo/quotas/new", {"year": "2027", "persons": "40"})
    page = login("coordinator_a").get("/varnamo/quotas/?lang=en").get_data(as_text=True)
    assert "2027" in page and "40" in page
    assert "/edit" not in page and "/varnamo/quotas/new" not in page


def test_the_overview_shows_this_years_quota_in_words_that_fit_the_number(login):
    year = date.today().year
    admin = login("unit_admin_a")
    admin.submit("/varnamo/quotas/new", {"year": str(year), "persons": "1"})
    page = admin.get("/varnamo/?lang=en").get_data(as_text=True)
    assert f"Quota {year}" in page
    assert "person to receive under the Settlement Act" in page
    assert "You are a unit administrator in Värnamo" in page
    swedish = admin.get("/varnamo/?lang=sv").get_data(as_text=True)
    assert "person att ta emot enligt bosättningslagen" in swedish


def test_the_overview_says_when_no_quota_is_entered(login):
    page = login("read_only_a").get("/varnamo/?lang=en").get_data(as_text=True)
    assert f"No quota has been entered for {date.today().year}." in page
    assert "You may read, but not change, what Värnamo keeps in Hemvist." in page
