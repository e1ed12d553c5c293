"""Whatever arrives — odd paths, odd forms, odd bytes — the answer is a page, never a 500."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_isolation import RULES as TENANT_RULES

WEIRD_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "0", "-1", "1e9", "99999999999999999999", "NaN", "<script>alert(1)</script>", "'; --", "\x00", "ä" * 300]
    ),
)
FORM = st.dictionaries(
    st.sampled_from(
        ["year", "persons", "email", "password", "next", "x", "occurred_on", "due_on", "follow_up", "file", "column_0"]
    ),
    WEIRD_TEXT,
    max_size=4,
)

PAGES = [
    "/",
    "/login",
    "/home",
    "/healthz",
    "/admin/",
    "/county/06/",
    "/varnamo/",
    "/varnamo/quotas/",
    "/varnamo/quotas/new",
    "/varnamo/quotas/1/edit",
    "/varnamo/quotas/1/",
    "/varnamo/quotas/2026/",
    "/varnamo/landlords/",
    "/varnamo/landlords/board",
    "/varnamo/landlords/deleted",
    "/varnamo/landlords/new",
    "/varnamo/landlords/1/",
    "/varnamo/landlords/1/edit",
    "/varnamo/landlords/1/stage",
    "/varnamo/landlords/1/owner",
    "/varnamo/landlords/1/delete",
    "/varnamo/landlords/1/restore",
    "/varnamo/landlords/1/interactions/new",
    "/varnamo/landlords/1/interactions/1/edit",
    "/varnamo/landlords/1/interactions/1/delete",
    "/varnamo/followups/",
    "/varnamo/followups/1/done",
    "/varnamo/followups/1/reschedule",
    "/varnamo/figures/",
    "/varnamo/spreadsheets/",
    "/varnamo/spreadsheets/import",
    "/varnamo/spreadsheets/import/1",
    "/varnamo/spreadsheets/import/1/columns",
    "/varnamo/spreadsheets/import/1/progress.json",
    "/varnamo/spreadsheets/import/1/rejected",
    "/varnamo/spreadsheets/import/1/import",
    "/varnamo/spreadsheets/import/1/discard",
    "/varnamo/spreadsheets/landlords.csv",
    "/varnamo/spreadsheets/landlords.xlsx",
    "/varnamo/spreadsheets/dialogue.csv",
    "/varnamo/spreadsheets/dialogue.xlsx",
    "/varnamo/spreadsheets/example.csv",
    "/varnamo/spreadsheets/example.xlsx",
    "/varnamo/vacancies/",
    "/varnamo/households/",
    "/varnamo/households/new",
    "/varnamo/households/1/",
    "/varnamo/households/1/edit",
    "/varnamo/households/1/received",
    "/varnamo/households/1/status",
    "/varnamo/households/moving-on/",
    "/varnamo/households/1/moving-on",
    "/varnamo/households/1/moving-on/update",
    "/varnamo/households/1/moving-on/moved",
    "/varnamo/households/1/moving-on/stop",
    "/varnamo/landlord-changes/seen",
    "/varnamo/landlord-signup",
    "/varnamo/landlord-signup/receipt",
    "/varnamo/signups/",
    "/varnamo/signups/1/",
    "/varnamo/signups/1/accept",
    "/varnamo/signups/1/spam",
    "/varnamo/signups/1/reject",
    "/varnamo/landlord/",
    "/varnamo/landlord/link",
    "/varnamo/landlord/enter/1",
    "/varnamo/landlord/homes/new",
    "/varnamo/landlord/homes/1/withdraw",
    "/varnamo/landlord/details",
    "/varnamo/landlord/close",
    "/varnamo/vacancies/new",
    "/varnamo/vacancies/new?landlord=1",
    "/varnamo/vacancies/1/",
    "/varnamo/vacancies/1/edit",
    "/varnamo/vacancies/1/status",
    "/varnamo/vacancies/1/confirm",
    "/varnamo/leases/",
    "/varnamo/leases/new",
    "/varnamo/leases/new?offer=1",
    "/varnamo/leases/transfers",
    "/varnamo/leases/figures",
    "/varnamo/leases/1/",
    "/varnamo/leases/1/transfer",
    "/varnamo/leases/1/planned",
    "/varnamo/leases/1/tenure",
    "/varnamo/matching/vacancies/1/",
    "/varnamo/matching/vacancies/1/?reference=x",
    "/varnamo/matching/households/1/",
    "/varnamo/matching/households/1/vacancies/1/",
    "/varnamo/offers/",
    "/varnamo/offers/?status=open&page=2",
    "/varnamo/offers/new",
    "/varnamo/offers/new?vacancy=1&household=1",
    "/varnamo/offers/1/",
    "/varnamo/offers/1/viewing",
    "/varnamo/offers/1/accept",
    "/varnamo/offers/1/refuse",
    "/varnamo/offers/1/withdraw",
]


@pytest.fixture
def unit_admin(login):
    return login("unit_admin_a")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.lists(WEIRD_TEXT.filter(bool), min_size=1, max_size=3), query=WEIRD_TEXT)
def test_any_path_gets_a_page(unit_admin, path, query):
    from urllib.parse import quote

    url = "/" + "/".join(quote(part, safe="") for part in path) + "?lang=" + quote(query, safe="")
    assert unit_admin.get(url).status_code < 500


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FORM, page=st.sampled_from(PAGES))
def test_any_form_gets_a_page(unit_admin, data, page):
    assert unit_admin.submit(page, data, form_url="/varnamo/").status_code < 500


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json",
            "text/plain; charset=latin-1",
        ]
    ),
)
def test_any_body_gets_a_page(unit_admin, body, content_type):
    for page in ("/login", "/varnamo/quotas/new"):
        assert unit_admin.http.post(page, data=body, content_type=content_type).status_code < 500


def test_ids_beyond_the_database_range_are_404(unit_admin):
    assert unit_admin.get("/varnamo/quotas/99999999999999999999/edit").status_code == 404
    assert unit_admin.get("/varnamo/quotas/0/edit").status_code == 404


def test_every_workspace_route_is_fuzzed():
    """The fuzzing above reaches every workspace route; a new route must be added to PAGES."""
    covered = {page.replace("/varnamo", "", 1) for page in PAGES if page.startswith("/varnamo")}
    routes = {re.sub(r"<(?:id:)?\w+>", "1", rule.rule.replace("/<slug:municipality>", "")) for rule in TENANT_RULES}
    assert routes <= covered, routes - covered
